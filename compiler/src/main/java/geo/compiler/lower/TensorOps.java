package geo.compiler.lower;

import geo.compiler.ast.Expr;
import geo.compiler.check.Shape;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;
import geo.compiler.ir.Symbol;
import geo.compiler.ad.ForwardMode;
import geo.compiler.ad.ReverseMode;
import java.util.List;
import java.util.Map;

/** Operations on tensors of IR nodes, with the checker's shape rules. */
final class TensorOps {

    private final NodeFactory f;

    TensorOps(NodeFactory f) {
        this.f = f;
    }

    /** −t, element by element. */
    Tensor negate(Tensor t) {
        return map(t, Elementwise.NEG, null);
    }

    /**
     * What an element-wise operation does to each element (or pair of elements): a switch, not a
     * lambda per operation, because linking lambdas costs start-up time and every {@code geo check}
     * lowers its manifolds (issue 23).
     */
    private enum Elementwise { ADD, SUB, MUL, DIV, POWER, NEG, SQUARE, FUNCTION }

    private Node apply(Elementwise e, Op function, Node a, Node b) {
        return switch (e) {
            case ADD -> f.add(a, b);
            case SUB -> f.sub(a, b);
            case MUL -> f.mul(a, b);
            case DIV -> f.div(a, b);
            case POWER -> power(a, b);
            case NEG -> f.neg(a);
            case SQUARE -> f.square(a);
            case FUNCTION -> b == null ? f.unary(function, a) : f.binary(function, a, b);
        };
    }

    private Tensor map(Tensor t, Elementwise e, Op function) {
        Node[] out = new Node[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = apply(e, function, t.at(i), null);
        }
        return new Tensor(t.shape(), out);
    }

    /** {@code a op b}: element-wise with scalar broadcasting, or the matrix product for {@code *}. */
    Tensor binary(Expr.BinOp op, Tensor a, Tensor b) {
        switch (op) {
            case ADD: return zip(a, b, Elementwise.ADD, null);
            case SUB: return zip(a, b, Elementwise.SUB, null);
            case MUL:
                return a.shape().isScalar() || b.shape().isScalar() ? zip(a, b, Elementwise.MUL, null) : matmul(a, b);
            case DIV: return zip(a, b, Elementwise.DIV, null);
            default: return zip(a, b, Elementwise.POWER, null);
        }
    }

    private Node power(Node base, Node exponent) {
        if (exponent.isConstant()) {
            double k = exponent.value();
            if (k == Math.rint(k) && Math.abs(k) <= 64) {
                return f.powi(base, (int) k);
            }
        }
        return f.pow(base, exponent);
    }

    private Tensor zip(Tensor a, Tensor b, Elementwise e, Op function) {
        Shape shape = a.shape().isScalar() ? b.shape() : a.shape();
        Node[] out = new Node[shape.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = apply(e, function, a.size() == 1 ? a.at(0) : a.at(i), b.size() == 1 ? b.at(0) : b.at(i));
        }
        return new Tensor(shape, out);
    }

    /** The matrix product with vectors as columns; a 1×1 result is a scalar, an n×1 one with a vector on the right a vector. */
    Tensor matmul(Tensor a, Tensor b) {
        int m = a.shape().rows();
        int k = a.shape().isVector() ? 1 : a.shape().cols();
        int n = b.shape().isVector() ? 1 : b.shape().cols();
        Node[] out = new Node[m * n];
        Node[] terms = new Node[k];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < n; c++) {
                for (int j = 0; j < k; j++) {
                    terms[j] = f.mul(a.at(r * k + j), b.at(j * n + c));
                }
                out[r * n + c] = f.add(terms);
            }
        }
        if (m == 1 && n == 1) {
            return Tensor.scalar(out[0]);
        }
        return b.shape().isVector() ? Tensor.vector(out) : Tensor.matrix(m, n, out);
    }

    Tensor transpose(Tensor t) {
        Shape s = t.shape();
        if (s.isScalar()) {
            return t;
        }
        if (s.isVector()) {
            return Tensor.matrix(1, s.rows(), t.elements().clone());
        }
        Node[] out = new Node[t.size()];
        for (int r = 0; r < s.rows(); r++) {
            for (int c = 0; c < s.cols(); c++) {
                out[c * s.rows() + r] = t.at(r, c);
            }
        }
        return Tensor.matrix(s.cols(), s.rows(), out);
    }

    /** A list literal: scalars make a vector, vectors the rows of a matrix. */
    Tensor list(List<Tensor> items) {
        if (items.get(0).shape().isScalar()) {
            Node[] out = new Node[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = items.get(i).scalar();
            }
            return Tensor.vector(out);
        }
        int n = items.get(0).size();
        Node[] out = new Node[items.size() * n];
        for (int i = 0; i < items.size(); i++) {
            System.arraycopy(items.get(i).elements(), 0, out, i * n, n);
        }
        return Tensor.matrix(items.size(), n, out);
    }

    /** Indexing with half-open {@code ranges} per axis; {@code sliced} says which axes keep their dimension. */
    Tensor index(Tensor t, int[][] ranges, boolean[] sliced) {
        Shape s = t.shape();
        if (s.isVector()) {
            Node[] out = slice(t.elements(), ranges[0][0], ranges[0][1]);
            return sliced[0] ? Tensor.vector(out) : Tensor.scalar(out[0]);
        }
        int cols = s.cols();
        int[] rows = ranges[0];
        int[] columns = ranges.length > 1 ? ranges[1] : new int[] {0, cols};
        boolean keepRows = sliced[0];
        boolean keepCols = ranges.length == 1 || sliced[1];
        int nr = rows[1] - rows[0];
        int nc = columns[1] - columns[0];
        Node[] out = new Node[nr * nc];
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                out[r * nc + c] = t.at(rows[0] + r, columns[0] + c);
            }
        }
        if (keepRows && keepCols) {
            return Tensor.matrix(nr, nc, out);
        }
        if (keepRows || keepCols) {
            return Tensor.vector(out);
        }
        return Tensor.scalar(out[0]);
    }

    private static Node[] slice(Node[] a, int lo, int hi) {
        Node[] out = new Node[hi - lo];
        System.arraycopy(a, lo, out, 0, out.length);
        return out;
    }

    Tensor eye(int n) {
        Node[] out = new Node[n * n];
        for (int i = 0; i < out.length; i++) {
            out[i] = i / n == i % n ? f.one() : f.zero();
        }
        return Tensor.matrix(n, n, out);
    }

    /** The built-ins other than {@code eye} and {@code pullback}. */
    Tensor builtin(String name, List<Tensor> args) {
        Tensor a = args.get(0);
        switch (name) {
            case "sum": return Tensor.scalar(f.add(a.elements()));
            case "norm": return Tensor.scalar(f.sqrt(f.add(map(a, Elementwise.SQUARE, null).elements())));
            case "dot": return Tensor.scalar(f.add(zip(a, args.get(1), Elementwise.MUL, null).elements()));
            case "trace": {
                int n = a.shape().rows();
                Node[] d = new Node[n];
                for (int i = 0; i < n; i++) {
                    d[i] = a.at(i, i);
                }
                return Tensor.scalar(f.add(d));
            }
            case "diag": return diag(a);
            case "det": return Tensor.scalar(new Linear(f).det(a));
            case "inv": return new Linear(f).inverse(a);
            case "logsumexp": return Tensor.scalar(logsumexp(a.elements(), 0, a.size()));
            default: {
                Op op = Op.valueOf(name.toUpperCase(java.util.Locale.ROOT));
                if (op.isBinaryFunction()) {
                    return zip(a, args.get(1), Elementwise.FUNCTION, op);
                }
                return map(a, Elementwise.FUNCTION, op);
            }
        }
    }

    private Tensor diag(Tensor a) {
        int n = a.shape().rows();
        if (a.shape().isVector()) {
            Node[] out = new Node[n * n];
            for (int i = 0; i < out.length; i++) {
                out[i] = i / n == i % n ? a.at(i / n) : f.zero();
            }
            return Tensor.matrix(n, n, out);
        }
        Node[] out = new Node[n];
        for (int i = 0; i < n; i++) {
            out[i] = a.at(i, i);
        }
        return Tensor.vector(out);
    }

    /**
     * log Σ exp(v[lo..hi)) as a balanced tree of {@link Op#LOGADDEXP}: every node is
     * max + log1p(e^(−|a − b|)), so nothing overflows, and the derivative by v_i is the product of
     * the factors e^(c − n) along its path to the root (each at most 1), which equals the softmax
     * weight e^(v_i − lse) without ever forming a large exponential. A balanced tree keeps paths
     * (and rounding) at ⌈log₂ n⌉ steps.
     */
    private Node logsumexp(Node[] v, int lo, int hi) {
        if (hi - lo == 1) {
            return v[lo];
        }
        int mid = (lo + hi) >>> 1;
        return f.binary(Op.LOGADDEXP, logsumexp(v, lo, mid), logsumexp(v, mid, hi));
    }

    /** The symbols of a differentiation variable (the checker made sure x is one, with distinct elements). */
    private static Symbol[] variables(Tensor x) {
        Symbol[] out = new Symbol[x.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.at(i).symbol();
        }
        return out;
    }

    /** {@code grad(e, x)}: ∂e/∂x_i in x's shape, by one reverse sweep ({@link ReverseMode#gradient}). */
    Tensor grad(Tensor e, Tensor x) {
        return new Tensor(x.shape(), ReverseMode.gradient(f, e.scalar(), variables(x)));
    }

    /**
     * {@code jacobian(e, x)}: the m×n matrix J[i][j] = ∂e_i/∂x_j (m = e's length, n = x's; 1 for a
     * scalar). Forward mode (one JVP sweep per column) when n ≤ m, reverse mode (one VJP sweep per
     * row) when m &lt; n: the mode with fewer sweeps.
     */
    Tensor jacobian(Tensor e, Tensor x) {
        Symbol[] xs = variables(x);
        int m = e.size();
        int n = xs.length;
        Node[] out = new Node[m * n];
        if (n <= m) {
            for (int j = 0; j < n; j++) {
                Node[] column = ForwardMode.jvp(f, e.elements(), Map.of(xs[j], f.one()));
                for (int i = 0; i < m; i++) {
                    out[i * n + j] = column[i];
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                System.arraycopy(ReverseMode.gradient(f, e.at(i), xs), 0, out, i * n, n);
            }
        }
        return Tensor.matrix(m, n, out);
    }

    /** {@code pullback(fx, x)} = J' J with J = {@code jacobian(fx, x)}: the definition, one line. */
    Tensor pullback(Tensor fx, Tensor x) {
        Tensor j = jacobian(fx, x);
        Tensor g = matmul(transpose(j), j);
        return g.shape().isScalar() ? Tensor.matrix(1, 1, g.elements()) : g;
    }
}
