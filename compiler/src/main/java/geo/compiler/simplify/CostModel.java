package geo.compiler.simplify;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;

/**
 * An estimate of what evaluating a DAG costs once, in units of one floating-point add or multiply,
 * with every shared node counted once (as the scheduler computes it). Divisions and library calls
 * are weighted by their latency relative to a multiply on current x86 and ARM cores, because
 * solver loops are latency-bound: a chain of three divisions costs more than thirty multiplies.
 */
public final class CostModel {

    /** A double division (a negative integer power) relative to a multiply. */
    static final double DIVIDE = 8;
    /** A square root. */
    static final double SQRT = 8;
    /** A call to an elementary function (sin, exp, tanh, pow, ...). */
    static final double CALL = 20;

    private CostModel() {
    }

    /** The cost of computing all of {@code roots}, shared nodes once. */
    public static double of(Node... roots) {
        Dag dag = Dag.of(roots);
        double cost = 0;
        for (int i = 0; i < dag.size(); i++) {
            cost += node(dag.node(i));
        }
        return cost;
    }

    private static double node(Node n) {
        return switch (n.op()) {
            case CONST, SYM -> 0;
            case ADD, MUL -> n.arity() - 1;
            case POWI -> powi(n.exponent());
            case SQRT -> SQRT;
            case ABS, SIGN, STEP, RELU, MAX, MIN -> 1;
            case LEAKY_RELU -> 2;
            default -> CALL;
        };
    }

    /** x^k by repeated multiplication for |k| ≤ 4 (as {@code Op.powi} computes it), else a call; one division if k < 0. */
    private static double powi(int k) {
        int m = Math.abs(k);
        double mults = m <= 4 ? Math.max(0, m - 1) + (m == 4 ? -1 : 0) : CALL;
        return mults + (k < 0 ? DIVIDE : 0);
    }
}
