package geo.compiler.check;

import geo.compiler.ast.Expr;
import geo.compiler.source.Diagnostics;
import java.util.Map;

/**
 * Evaluates constant expressions (numbers, {@code pi}, arithmetic, list literals) where the
 * language needs a value at compile time: parameter initialisers, domains, sizes and indices.
 */
final class ConstEval {

    /** A constant value: its shape and its elements in row-major order. */
    record Value(Shape shape, double[] values) {
        double scalar() {
            return values[0];
        }
    }

    private final Map<Expr.Name, Binding> names;
    private final Diagnostics diagnostics;

    ConstEval(Map<Expr.Name, Binding> names, Diagnostics diagnostics) {
        this.names = names;
        this.diagnostics = diagnostics;
    }

    /**
     * The value of {@code e}, or null after reporting "{@code what} must be a constant" at the
     * first non-constant part.
     */
    Value eval(Expr e, String what) {
        if (e instanceof Expr.Num n) {
            return new Value(Shape.SCALAR, new double[] {n.value()});
        }
        if (e instanceof Expr.Name n) {
            Binding b = names.get(n);
            if (b instanceof Binding.Constant c) {
                return new Value(Shape.SCALAR, new double[] {c.value()});
            }
            if (b != null) {
                diagnostics.error(n.span(), what + " must be a constant, but '" + n.id() + "' is a " + b.kind());
            }
            return null;
        }
        if (e instanceof Expr.Neg n) {
            Value v = eval(n.operand(), what);
            if (v == null) {
                return null;
            }
            double[] out = v.values().clone();
            for (int i = 0; i < out.length; i++) {
                out[i] = -out[i];
            }
            return new Value(v.shape(), out);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, what);
        }
        if (e instanceof Expr.ListLit l) {
            return list(l, what);
        }
        diagnostics.error(e.span(), what + " must be a constant (numbers, pi, + - * / ^ and [lists])");
        return null;
    }

    /** A non-negative integer constant, or -1 after reporting why it is not one. */
    int nonNegativeInt(Expr e, String what) {
        Value v = eval(e, what);
        if (v == null) {
            return -1;
        }
        double x = v.values()[0];
        if (!v.shape().isScalar() || x < 0 || x != Math.rint(x) || x > Integer.MAX_VALUE) {
            diagnostics.error(e.span(), what + " must be a non-negative integer, but it is " + show(v));
            return -1;
        }
        return (int) x;
    }

    private Value binary(Expr.Binary b, String what) {
        Value l = eval(b.left(), what);
        Value r = eval(b.right(), what);
        if (l == null || r == null) {
            return null;
        }
        if (!l.shape().isScalar() || !r.shape().isScalar()) {
            diagnostics.error(b.opSpan(), what + ": only scalar arithmetic is evaluated at compile time");
            return null;
        }
        double x = l.scalar();
        double y = r.scalar();
        double z;
        switch (b.op()) {
            case ADD: z = x + y; break;
            case SUB: z = x - y; break;
            case MUL: z = x * y; break;
            case DIV: z = x / y; break;
            default: z = Math.pow(x, y); break;
        }
        if (!Double.isFinite(z)) {
            diagnostics.error(b.span(), what + " is not a finite number");
            return null;
        }
        return new Value(Shape.SCALAR, new double[] {z});
    }

    private Value list(Expr.ListLit l, String what) {
        int k = l.elements().size();
        Value[] items = new Value[k];
        for (int i = 0; i < k; i++) {
            items[i] = eval(l.elements().get(i), what);
            if (items[i] == null) {
                return null;
            }
        }
        Shape first = items[0].shape();
        for (int i = 1; i < k; i++) {
            if (!items[i].shape().equals(first)) {
                diagnostics.error(l.elements().get(i).span(), "element " + (i + 1) + " of this list is "
                        + items[i].shape().describe() + ", but element 1 is " + first.describe());
                return null;
            }
        }
        if (first.isMatrix()) {
            diagnostics.error(l.span(), "a list cannot hold matrices");
            return null;
        }
        Shape shape = first.isScalar() ? Shape.vector(k) : Shape.matrix(k, first.rows());
        double[] out = new double[shape.size()];
        int at = 0;
        for (Value item : items) {
            System.arraycopy(item.values(), 0, out, at, item.values().length);
            at += item.values().length;
        }
        return new Value(shape, out);
    }

    static String show(Value v) {
        if (v.shape().isScalar()) {
            double x = v.scalar();
            return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
        }
        return v.shape().describe();
    }
}
