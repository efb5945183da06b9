package geo.compiler.check;

import geo.compiler.ast.Expr;
import java.util.List;

/** The shape rule of each built-in function. */
final class BuiltinShapes {

    private BuiltinShapes() {
    }

    static Typed apply(ShapeChecker checker, Builtins.Function f, Expr.Call c, ShapeChecker.Context ctx) {
        String name = f.name();
        if (name.equals("eye")) {
            return eye(checker, c);
        }
        if (name.equals("pullback")) {
            return pullback(checker, c, ctx);
        }
        List<Expr> args = c.args();
        Typed a = checker.check(args.get(0), ctx);
        Typed b = args.size() > 1 ? checker.check(args.get(1), ctx) : null;
        if (a == null || (args.size() > 1 && b == null)) {
            return null;
        }
        Shape s = a.shape();
        if (f.elementwise()) {
            return a;
        }
        switch (name) {
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
     * {@code pullback(f, x)}: f a vector (or scalar) function of the coordinates, x the coordinate
     * vector itself or the list of the named coordinates in order; the result is d×d.
     */
    private static Typed pullback(ShapeChecker checker, Expr.Call c, ShapeChecker.Context ctx) {
        Typed f = checker.check(c.args().get(0), ctx);
        Expr x = c.args().get(1);
        Integer d = coordinateArgument(checker, x);
        if (d == null) {
            checker.reportAt(x.span(), "the second argument of pullback must be the coordinate vector "
                    + "(as in pullback(f, x) for 'coords x[2]'), or the list of the named coordinates in order");
            return null;
        }
        if (f == null) {
            return null;
        }
        if (f.shape().isMatrix()) {
            checker.reportAt(c.args().get(0).span(), "pullback needs a vector-valued function, but got "
                    + f.shape().describe());
            return null;
        }
        if (ctx.coordsForbidden()) {
            checker.reportAt(c.span(), ctx.owner() + " cannot use pullback, which depends on the coordinates");
            return null;
        }
        if (checker.tooCostly(c.span(), "pullback of " + f.shape().describe() + " to " + d + " coordinates",
                (long) d * d * f.shape().rows())) {
            return null;
        }
        return new Typed(Shape.matrix(d, d), f.deps() | Deps.COORDS);
    }

    private static Integer coordinateArgument(ShapeChecker checker, Expr x) {
        if (x instanceof Expr.Name n && checker.bindingOf(n) instanceof Binding.CoordVector v) {
            return checker.dimensions.get(v.decl());
        }
        if (x instanceof Expr.ListLit list) {
            int i = 0;
            for (Expr e : list.elements()) {
                if (!(e instanceof Expr.Name n && checker.bindingOf(n) instanceof Binding.CoordScalar s
                        && s.index() == i)) {
                    return null;
                }
                i++;
                if (i == list.elements().size() && s.decl().names().size() == i) {
                    return i;
                }
            }
        }
        return null;
    }
}
