package geo.compiler.check;

import geo.compiler.ast.Expr;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The shape rule of each built-in function. */
final class BuiltinShapes {

    private BuiltinShapes() {
    }

    static Typed apply(ShapeChecker checker, Builtins.Function f, Expr.Call c, ShapeChecker.Context ctx) {
        String name = f.name();
        if (name.equals("eye")) {
            return eye(checker, c);
        }
        if (name.equals("pullback") || name.equals("grad") || name.equals("jacobian")) {
            return derivative(checker, name, c, ctx);
        }
        List<Expr> args = c.args();
        Typed a = checker.check(args.get(0), ctx);
        Typed b = args.size() > 1 ? checker.check(args.get(1), ctx) : null;
        if (a == null || (args.size() > 1 && b == null)) {
            return null;
        }
        Shape s = a.shape();
        if (f.elementwise()) {
            if (b == null) {
                return ShapeChecker.plain(a);
            }
            // Two arguments: the rule of '+', equal shapes or a scalar with anything.
            if (s.equals(b.shape()) || b.shape().isScalar()) {
                return new Typed(s, a.deps() | b.deps());
            }
            if (s.isScalar()) {
                return new Typed(b.shape(), a.deps() | b.deps());
            }
            checker.reportAt(c.span(), name + " needs arguments of one shape (or a scalar with anything), but got "
                    + s.describe() + " and " + b.shape().describe());
            return null;
        }
        switch (name) {
            case "logsumexp":
                if (!s.isVector()) {
                    checker.reportAt(args.get(0).span(), "logsumexp needs a vector, but got " + s.describe());
                    return null;
                }
                return new Typed(Shape.SCALAR, a.deps());
            case "sum":
            case "norm":
                return new Typed(Shape.SCALAR, a.deps());
            case "dot":
                if (!s.isVector() || !b.shape().equals(s)) {
                    checker.reportAt(c.span(), "dot needs two vectors of the same length, but got "
                            + s.describe() + " and " + b.shape().describe());
                    return null;
                }
                return new Typed(Shape.SCALAR, a.deps() | b.deps());
            case "diag":
                if (s.isVector()) {
                    return new Typed(Shape.matrix(s.rows(), s.rows()), a.deps());
                }
                if (s.isSquare()) {
                    return new Typed(Shape.vector(s.rows()), a.deps());
                }
                checker.reportAt(args.get(0).span(), "diag needs a vector or a square matrix, but got " + s.describe());
                return null;
            default:
                if (!s.isSquare()) {
                    checker.reportAt(args.get(0).span(), name + " needs a square matrix, but got " + s.describe());
                    return null;
                }
                if (checker.tooCostly(c.span(), name + " of " + s.describe(), (long) s.rows() * s.rows() * s.rows())) {
                    return null;
                }
                return new Typed(name.equals("inv") ? s : Shape.SCALAR, a.deps());
        }
    }

    private static Typed eye(ShapeChecker checker, Expr.Call c) {
        Expr arg = c.args().get(0);
        int n = checker.constants().nonNegativeInt(arg, "the size of eye");
        if (n < 0) {
            return null;
        }
        if (n == 0) {
            checker.reportAt(arg.span(), "the size of eye must be at least 1");
            return null;
        }
        return new Typed(Shape.matrix(n, n), Deps.NONE);
    }

    /**
     * {@code grad(e, x)}, {@code jacobian(e, x)} and {@code pullback(f, x)} = jacobian(f, x)' *
     * jacobian(f, x). x must be a differentiation variable ({@link Typed#variable}) of distinct
     * elements. grad: e a scalar, the result x's shape. jacobian: e a scalar or a vector of length m,
     * x a scalar or a vector of length n, the result always an m×n matrix (m = 1 for a scalar e,
     * n = 1 for a scalar x). pullback: as jacobian, the result n×n. The result depends on what e
     * depends on (differentiating adds no dependency).
     */
    private static Typed derivative(ShapeChecker checker, String name, Expr.Call c, ShapeChecker.Context ctx) {
        Expr ex = c.args().get(0);
        Expr xx = c.args().get(1);
        Typed e = checker.check(ex, ctx);
        Typed x = checker.check(xx, ctx);
        if (x != null && !x.isVariable()) {
            checker.reportAt(xx.span(), "the second argument of " + name + " must be a variable to differentiate by "
                    + "(coordinates, a velocity, time, a loss argument, or elements, slices or lists of those), but "
                    + notVariable(checker, xx));
            x = null;
        } else if (x != null && !distinct(x)) {
            checker.reportAt(xx.span(), "the variable of " + name + " names the same element twice");
            x = null;
        }
        if (e == null || x == null) {
            return null;
        }
        Shape es = e.shape();
        Shape xs = x.shape();
        if (name.equals("grad")) {
            if (!es.isScalar()) {
                checker.reportAt(ex.span(), "grad needs a scalar expression, but got " + es.describe()
                        + "; for the derivatives of a vector use jacobian(" + "e, x)");
                return null;
            }
            return new Typed(xs, e.deps());
        }
        if (es.isMatrix()) {
            checker.reportAt(ex.span(), name + " needs a scalar or vector expression, but got " + es.describe()
                    + (name.equals("pullback") ? "" : "; differentiate its rows or columns one by one"));
            return null;
        }
        if (xs.isMatrix()) {
            checker.reportAt(xx.span(), name + " needs a scalar or vector variable, but got " + xs.describe()
                    + "; grad takes a matrix variable");
            return null;
        }
        int m = es.rows();
        int n = xs.rows();
        if (name.equals("pullback")) {
            if (checker.tooCostly(c.span(), "pullback of " + es.describe() + " to " + n + " variables",
                    (long) n * n * m)) {
                return null;
            }
            return new Typed(Shape.matrix(n, n), e.deps());
        }
        return new Typed(Shape.matrix(m, n), e.deps());
    }

    private static boolean distinct(Typed x) {
        Set<Typed.Element> seen = new HashSet<>();
        for (Typed.Element el : x.variable()) {
            if (!seen.add(el)) {
                return false;
            }
        }
        return true;
    }

    /** What {@code x} is instead of a variable: "'W' is a parameter", "this is an expression". */
    private static String notVariable(ShapeChecker checker, Expr x) {
        if (x instanceof Expr.Name n && checker.bindingOf(n) != null) {
            Binding b = checker.bindingOf(n);
            if (b instanceof Binding.Argument) {
                return "the def argument '" + n.id() + "' is bound to a value that is not one";
            }
            return "'" + n.id() + "' is a" + (b.kind().matches("[aeiou].*") ? "n " : " ") + b.kind();
        }
        return "this is an expression";
    }
}
