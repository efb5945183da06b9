package geo.compiler.interp;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.Op;
import geo.compiler.ir.Symbol;

import java.util.Arrays;

/**
 * Outputs of a DAG compiled to a flat array program: register i holds the node at topological
 * position i, constants are preloaded, symbols are read from the {@link Bindings}, and one pass
 * over the instruction arrays computes every node once. Immutable and thread-safe; each call
 * uses its own (or the caller's) scratch registers.
 *
 * <p>Semantics, which compiled kernels reproduce: functions and powers are computed by
 * {@link Op#apply(double)}, {@link Op#apply(double, double)}, {@link Op#powi} and {@link Op#pow}; n-ary sums and products left to right
 * in operand order.
 */
public final class Program {

    private static final Op[] OPS = Op.values();

    private final int registers;
    private final double[] init;
    private final int[] symReg;
    private final Symbol.Kind[] symKind;
    private final int[] symIndex;
    private final int[] code;
    private final int[] dst;
    private final int[] x;
    private final int[] y;
    private final int[] args;
    private final int[] outputs;
    private final int[] needed = new int[Symbol.Kind.values().length];

    private Program(Dag dag) {
        int n = dag.size();
        registers = n;
        init = new double[n];
        int symbols = 0;
        int compute = 0;
        int argCount = 0;
        for (int i = 0; i < n; i++) {
            Node node = dag.node(i);
            if (node.isSymbol()) {
                symbols++;
            } else if (!node.isConstant()) {
                compute++;
                if (node.op().isNary()) {
                    argCount += node.arity();
                }
            }
        }
        symReg = new int[symbols];
        symKind = new Symbol.Kind[symbols];
        symIndex = new int[symbols];
        code = new int[compute];
        dst = new int[compute];
        x = new int[compute];
        y = new int[compute];
        args = new int[argCount];
        int s = 0;
        int c = 0;
        int a = 0;
        for (int i = 0; i < n; i++) {
            Node node = dag.node(i);
            switch (node.op()) {
                case CONST -> init[i] = node.value();
                case SYM -> {
                    Symbol sym = node.symbol();
                    symReg[s] = i;
                    symKind[s] = sym.kind();
                    symIndex[s++] = sym.index();
                    needed[sym.kind().ordinal()] = Math.max(needed[sym.kind().ordinal()], sym.index() + 1);
                }
                default -> {
                    code[c] = node.op().ordinal();
                    dst[c] = i;
                    if (node.op().isNary()) {
                        x[c] = a;
                        y[c] = node.arity();
                        for (int j = 0; j < node.arity(); j++) {
                            args[a++] = dag.indexOf(node.child(j));
                        }
                    } else {
                        x[c] = dag.indexOf(node.child(0));
                        y[c] = node.op() == Op.POWI ? node.exponent()
                                : node.arity() == 2 ? dag.indexOf(node.child(1)) : 0;
                    }
                    c++;
                }
            }
        }
        outputs = new int[dag.rootCount()];
        for (int k = 0; k < outputs.length; k++) {
            outputs[k] = dag.indexOf(dag.root(k));
        }
    }

    /** Compiles {@code outputs} (shared subexpressions are evaluated once). */
    public static Program compile(Node... outputs) {
        return new Program(Dag.of(outputs));
    }

    /** Number of outputs. */
    public int outputCount() {
        return outputs.length;
    }

    /** Number of registers (distinct nodes); the size a scratch array must have. */
    public int registerCount() {
        return registers;
    }

    /** Evaluates all outputs at {@code b}; returns a fresh array. */
    public double[] evaluate(Bindings b) {
        double[] out = new double[outputs.length];
        evaluate(b, out, new double[registers]);
        return out;
    }

    /**
     * Evaluates all outputs at {@code b} into {@code out} (modified), using {@code scratch}
     * (modified, length ≥ {@link #registerCount()}) as registers, so repeated calls allocate
     * nothing.
     *
     * @throws IllegalArgumentException if a bound array is too short for a symbol used
     */
    public void evaluate(Bindings b, double[] out, double[] scratch) {
        for (Symbol.Kind kind : Symbol.Kind.values()) {
            if (needed[kind.ordinal()] > 0 && b.length(kind) < needed[kind.ordinal()]) {
                throw new IllegalArgumentException(kind + " needs " + needed[kind.ordinal()]
                        + " values, " + b.length(kind) + " bound");
            }
        }
        if (out.length < outputs.length || scratch.length < registers) {
            throw new IllegalArgumentException("output or scratch array too short");
        }
        double[] r = scratch;
        System.arraycopy(init, 0, r, 0, registers);
        for (int s = 0; s < symReg.length; s++) {
            r[symReg[s]] = b.read(symKind[s], symIndex[s]);
        }
        for (int c = 0; c < code.length; c++) {
            Op op = OPS[code[c]];
            r[dst[c]] = switch (op) {
                case ADD -> {
                    int from = x[c];
                    double acc = r[args[from]];
                    for (int j = from + 1, end = from + y[c]; j < end; j++) {
                        acc += r[args[j]];
                    }
                    yield acc;
                }
                case MUL -> {
                    int from = x[c];
                    double acc = r[args[from]];
                    for (int j = from + 1, end = from + y[c]; j < end; j++) {
                        acc *= r[args[j]];
                    }
                    yield acc;
                }
                case POWI -> Op.powi(r[x[c]], y[c]);
                case POW -> Op.pow(r[x[c]], r[y[c]]);
                case MAX, MIN, LEAKY_RELU, LOGADDEXP -> op.apply(r[x[c]], r[y[c]]);
                default -> op.apply(r[x[c]]);
            };
        }
        for (int k = 0; k < outputs.length; k++) {
            out[k] = r[outputs[k]];
        }
    }

    @Override
    public String toString() {
        return "Program[" + registers + " registers, " + code.length + " instructions, outputs "
                + Arrays.toString(outputs) + "]";
    }
}
