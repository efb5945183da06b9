package geo.compiler.testing;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random expression DAGs with sharing. Operands are drawn mostly from the most recent nodes
 * (so the DAG gets deep) and sometimes from any earlier node (so it shares). The result is the
 * sum of every node no other node uses, so the output depends on all of them.
 */
public final class RandomDags {

    private RandomDags() {
    }

    /**
     * A DAG of {@code steps} random operations that is smooth and defined for every real input
     * (logarithms, roots and quotients are guarded: {@code log(1+a²)}, {@code b / (1+a²)}, …),
     * so finite differences are meaningful anywhere.
     */
    public static Node smooth(NodeFactory f, Node[] leaves, int steps, Random rnd) {
        return build(f, leaves, steps, rnd, true);
    }

    /** A DAG of {@code steps} random operations using every op of the table. */
    public static Node anyOps(NodeFactory f, Node[] leaves, int steps, Random rnd) {
        return build(f, leaves, steps, rnd, false);
    }

    private static Node build(NodeFactory f, Node[] leaves, int steps, Random rnd, boolean smooth) {
        List<Node> pool = new ArrayList<>(List.of(leaves));
        pool.add(f.constant(0.5 + rnd.nextInt(4)));
        List<Node> unused = new ArrayList<>(pool);
        for (int s = 0; s < steps; s++) {
            Node a = pick(pool, rnd);
            Node b = pick(pool, rnd);
            Node n = smooth ? smoothOp(f, a, b, rnd) : anyOp(f, a, b, pick(pool, rnd), rnd);
            unused.remove(a);
            unused.remove(b);
            if (!pool.contains(n)) {
                pool.add(n);
                unused.add(n);
            }
        }
        return f.add(unused);
    }

    private static Node pick(List<Node> pool, Random rnd) {
        int n = pool.size();
        return rnd.nextInt(4) == 0 ? pool.get(rnd.nextInt(n)) : pool.get(Math.max(0, n - 1 - rnd.nextInt(4)));
    }

    private static Node smoothOp(NodeFactory f, Node a, Node b, Random rnd) {
        Node guard = f.add(f.one(), f.square(a));
        return switch (rnd.nextInt(18)) {
            case 0 -> f.add(a, b);
            case 1 -> f.sub(a, b);
            case 2 -> f.mul(a, b);
            case 3 -> f.div(b, guard);
            case 4 -> f.sin(a);
            case 5 -> f.cos(a);
            case 6 -> f.tanh(a);
            case 7 -> f.sigmoid(a);
            case 8 -> f.softplus(a);
            case 9 -> f.atan(a);
            case 10 -> f.exp(f.tanh(a));
            case 11 -> f.log(guard);
            case 12 -> f.sqrt(guard);
            case 13 -> f.powi(f.tanh(a), 2 + rnd.nextInt(3));
            case 14 -> f.pow(guard, f.tanh(b));
            case 15 -> f.add(a, b, f.mul(f.constant(0.5), a, b));
            case 16 -> f.tan(f.tanh(a));
            default -> f.mul(f.sinh(f.tanh(a)), f.cosh(f.tanh(b)));
        };
    }

    private static Node anyOp(NodeFactory f, Node a, Node b, Node c, Random rnd) {
        Op[] ops = Op.values();
        Op op = ops[2 + rnd.nextInt(ops.length - 2)];
        return switch (op) {
            case ADD -> rnd.nextBoolean() ? f.add(a, b) : f.add(a, b, c);
            case MUL -> rnd.nextBoolean() ? f.mul(a, b) : f.mul(a, b, c);
            case POWI -> f.powi(a, rnd.nextInt(7) - 3);
            case POW -> f.pow(a, b);
            default -> rnd.nextInt(3) == 0 ? f.sub(a, b) : op.isBinaryFunction() ? f.binary(op, a, b) : f.unary(op, a);
        };
    }
}
