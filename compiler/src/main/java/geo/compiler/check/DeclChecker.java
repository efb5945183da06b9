package geo.compiler.check;

import geo.compiler.ast.Decl;
import geo.compiler.ast.Domain;
import geo.compiler.ast.Expr;
import geo.compiler.ast.Formal;
import geo.compiler.ast.GeoFile;
import geo.compiler.ast.Init;
import geo.compiler.ast.Member;
import geo.compiler.ast.Periodic;
import geo.compiler.source.Diagnostics;
import geo.runtime.api.ParameterInit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks declarations: coordinate counts and domains, parameter shapes and initialisers, argument
 * shapes, then every let, metric, lagrangian, loss and def body in dependency order, through
 * {@link ShapeChecker}.
 */
final class DeclChecker {

    private final Diagnostics diagnostics;
    private final Resolver resolver;
    private final ShapeChecker shapes;
    private final ConstEval constants;
    /** The checked initialiser of every parameter without errors. */
    final Map<Decl.Param, ParameterInit> initialisers = new IdentityHashMap<>();
    /** The evaluated domain of every coords declaration that has a valid one. */
    final Map<Member.Coords, ChartDomain> domains = new IdentityHashMap<>();
    /** Scalars in all parameters declared so far, against {@link Limits#MAX_PARAMETERS}. */
    private long parameterTotal;
    /** The period of every coordinate (0 when not periodic) of every coords declaration with a dimension. */
    final Map<Member.Coords, double[]> periods = new IdentityHashMap<>();

    DeclChecker(Diagnostics diagnostics, Resolver resolver, ShapeChecker shapes, ConstEval constants) {
        this.diagnostics = diagnostics;
        this.resolver = resolver;
        this.shapes = shapes;
        this.constants = constants;
    }

    void check(List<Unit> units, DefinitionOrder order) {
        shapes.cyclicDefs.addAll(order.cyclic);
        for (Resolver.ManifoldParts m : resolver.manifolds) {
            if (m.coords() != null) {
                coords(m.coords());
                Integer d = shapes.dimensions.get(m.coords());
                if (m.lagrangian() != null && d != null) {
                    shapes.lagrangianDimensions.put(m.lagrangian(), d);
                }
            }
        }
        List<Decl> decls = new ArrayList<>();
        for (Unit u : units) {
            collect(u.file(), decls);
        }
        for (Decl d : decls) {
            if (d instanceof Decl.Param p) {
                param(p);
            } else if (d instanceof Decl.Def f) {
                formals(f.formals(), f.compiled(), f.keyword() + " '" + f.name().text() + "'");
            } else if (d instanceof Decl.Loss l) {
                formals(l.formals(), true, null);
            }
        }
        for (Binding b : order.order) {
            if (b instanceof Binding.Let l) {
                define(b, l.decl().value(), new ShapeChecker.Context("let '" + l.name().text() + "'", false,
                        Map.of()));
            } else if (b instanceof Binding.Metric g) {
                metric(g);
            }
        }
        for (Resolver.ManifoldParts m : resolver.manifolds) {
            if (m.lagrangian() != null) {
                lagrangian(m.lagrangian());
            }
        }
        for (Decl d : decls) {
            if (d instanceof Decl.Loss l) {
                loss(l);
            } else if (d instanceof Decl.Def f && !order.cyclic.contains(resolver.bindingOf.get(f))) {
                defWithDeclaredShapes(f);
            }
        }
    }

    private static void collect(GeoFile file, List<Decl> out) {
        for (Decl d : file.decls()) {
            if (d instanceof Decl.Manifold m) {
                for (Member member : m.members()) {
                    if (member instanceof Decl inner) {
                        out.add(inner);
                    }
                }
            } else {
                out.add(d);
            }
        }
    }

    private void coords(Member.Coords c) {
        int d;
        if (c.isVector()) {
            d = dimension(c.length(), "the number of coordinates");
            if (d < 0) {
                return;
            }
            if (d > Limits.MAX_COORDINATES) {
                diagnostics.error(c.length().span(), "a manifold has at most " + Limits.MAX_COORDINATES
                        + " coordinates, but this one has " + c.length().text()
                        + " (the equations of motion need d³ derivatives)");
                return;
            }
        } else {
            d = c.names().size();
            if (d > Limits.MAX_COORDINATES) {
                diagnostics.error(c.names().get(Limits.MAX_COORDINATES).span(), "a manifold has at most "
                        + Limits.MAX_COORDINATES + " coordinates, but this one has " + Limits.format(d));
                return;
            }
        }
        shapes.dimensions.put(c, d);
        if (c.domain() != null) {
            ChartDomain domain = domain(c.domain(), d);
            if (domain != null) {
                domains.put(c, domain);
            }
        }
        periods.put(c, periods(c, d));
    }

    /**
     * The period of every coordinate (0 when not periodic), reporting each {@code periodic} clause
     * that does not name a coordinate exactly once or whose period is not a positive constant.
     */
    private double[] periods(Member.Coords c, int d) {
        double[] out = new double[d];
        for (Periodic p : c.periodic()) {
            int k = periodicCoordinate(c, p, d);
            ConstEval.Value v = constants.eval(p.period(), "the period of a coordinate");
            if (v != null && (!v.shape().isScalar() || !(v.scalar() > 0))) {
                diagnostics.error(p.period().span(), "the period of a coordinate must be a positive number, but it is "
                        + (v.shape().isScalar() ? ConstEval.show(v) : v.shape().describe()));
                v = null;
            }
            if (c.domain() != null && c.domain().kind().text().equals("ball")) {
                diagnostics.error(p.span(), "a periodic coordinate cannot be combined with ball(r), which bounds "
                        + "every coordinate; use box(lo, hi) or no domain");
                continue;
            }
            if (k < 0 || v == null) {
                continue;
            }
            if (out[k] > 0) {
                diagnostics.error(p.coordinate().span(), "coordinate '" + coordinateName(c, k)
                        + "' is declared periodic twice");
                continue;
            }
            out[k] = v.scalar();
        }
        return out;
    }

    /** The index of the coordinate a periodic clause names, or -1 after reporting why it names none. */
    private int periodicCoordinate(Member.Coords c, Periodic p, int d) {
        String name = p.coordinate().text();
        if (c.isVector()) {
            if (!name.equals(c.names().get(0).text())) {
                diagnostics.error(p.coordinate().span(), "'" + name + "' is not a coordinate; periodic names an "
                        + "element of the coordinate vector, e.g. periodic(" + c.names().get(0).text() + "[0], 2 * pi)");
                return -1;
            }
            if (p.index() == null) {
                diagnostics.error(p.coordinate().span(), "'" + name + "' is a coordinate vector: name one element, "
                        + "e.g. periodic(" + name + "[0], 2 * pi)");
                return -1;
            }
            double i = p.index().value();
            if (i != Math.rint(i) || i >= d) {
                diagnostics.error(p.index().span(), "index " + p.index().text() + " is out of bounds for the "
                        + d + " coordinates " + name + "[" + d + "]");
                return -1;
            }
            return (int) i;
        }
        for (int k = 0; k < c.names().size(); k++) {
            if (c.names().get(k).text().equals(name)) {
                if (p.index() != null) {
                    diagnostics.error(p.index().span(), "'" + name + "' is a scalar coordinate: it takes no index");
                    return -1;
                }
                return k;
            }
        }
        List<String> names = new ArrayList<>();
        for (var n : c.names()) {
            names.add(n.text());
        }
        diagnostics.error(p.coordinate().span(), "'" + name + "' is not a coordinate; the coordinates are "
                + String.join(", ", names));
        return -1;
    }

    private static String coordinateName(Member.Coords c, int k) {
        return c.isVector() ? c.names().get(0).text() + "[" + k + "]" : c.names().get(k).text();
    }

    /** The evaluated domain, or null after reporting what is wrong with it. */
    private ChartDomain domain(Domain domain, int d) {
        String kind = domain.kind().text();
        List<Expr> args = domain.args();
        if (kind.equals("ball")) {
            if (args.size() != 1) {
                diagnostics.error(domain.span(), "ball takes 1 argument (the radius), but " + args.size()
                        + (args.size() == 1 ? " was" : " were") + " given");
                return null;
            }
            ConstEval.Value r = constants.eval(args.get(0), "the radius of a ball");
            if (r == null) {
                return null;
            }
            if (!r.shape().isScalar() || r.scalar() <= 0) {
                diagnostics.error(args.get(0).span(), "the radius of a ball must be a positive number");
                return null;
            }
            return new ChartDomain.Ball(r.scalar());
        } else if (kind.equals("box")) {
            if (args.size() != 2) {
                diagnostics.error(domain.span(), "box takes 2 arguments (lower and upper corner), but "
                        + args.size() + (args.size() == 1 ? " was" : " were") + " given");
                return null;
            }
            ConstEval.Value lo = corner(args.get(0), d);
            ConstEval.Value hi = corner(args.get(1), d);
            if (lo == null || hi == null) {
                return null;
            }
            double[] a = new double[d];
            double[] b = new double[d];
            for (int i = 0; i < d; i++) {
                a[i] = lo.values()[lo.shape().isScalar() ? 0 : i];
                b[i] = hi.values()[hi.shape().isScalar() ? 0 : i];
                if (!(a[i] < b[i])) {
                    diagnostics.error(domain.span(), "box is empty: its lower corner must be below its upper "
                            + "corner in every coordinate");
                    return null;
                }
            }
            return new ChartDomain.Box(a, b);
        }
        diagnostics.error(domain.kind().span(), "unknown domain '" + kind + "'; use ball(r) or box(lo, hi)");
        return null;
    }

    private ConstEval.Value corner(Expr e, int d) {
        ConstEval.Value v = constants.eval(e, "a corner of a box");
        if (v != null && !v.shape().isScalar() && !v.shape().equals(Shape.vector(d))) {
            diagnostics.error(e.span(), "a corner of a box must be a number or a vector of length " + d
                    + ", but it is " + v.shape().describe());
            return null;
        }
        return v;
    }

    /** A declared shape from its dimension literals, or null after reporting what is wrong. */
    private Shape shape(List<Expr.Num> dims, String what) {
        if (dims.size() > 2) {
            diagnostics.error(dims.get(2).span(), what + " has at most 2 dimensions (a matrix)");
            return null;
        }
        int[] n = new int[dims.size()];
        long elements = 1;
        for (int i = 0; i < n.length; i++) {
            n[i] = dimension(dims.get(i), "a dimension");
            if (n[i] < 0) {
                return null;
            }
            elements *= n[i];
        }
        if (elements > Limits.MAX_ELEMENTS) {
            StringBuilder size = new StringBuilder();
            for (Expr.Num dim : dims) {
                size.append(size.length() == 0 ? "" : " × ").append(dim.text());
            }
            diagnostics.error(dims.get(0).span().to(dims.get(dims.size() - 1).span()), what + " has at most "
                    + Limits.format(Limits.MAX_ELEMENTS) + " elements, but this one has " + size
                    + (dims.size() > 1 && n[0] <= Limits.MAX_ELEMENTS && n[1] <= Limits.MAX_ELEMENTS
                        ? " = " + Limits.format(elements) : ""));
            return null;
        }
        return n.length == 0 ? Shape.SCALAR : n.length == 1 ? Shape.vector(n[0]) : Shape.matrix(n[0], n[1]);
    }

    private int dimension(Expr.Num num, String what) {
        double x = num.value();
        if (x < 1 || x != Math.rint(x)) {
            diagnostics.error(num.span(), what + " must be a positive integer, but it is " + num.text());
            return -1;
        }
        // Larger sizes are refused by the callers' limits; this keeps their arithmetic in range.
        return (int) Math.min(x, Limits.MAX_ELEMENTS + 1);
    }

    private void param(Decl.Param p) {
        Shape s = shape(p.shape(), "a parameter");
        if (s == null) {
            return;
        }
        parameterTotal += Limits.elements(s);
        if (parameterTotal > Limits.MAX_PARAMETERS) {
            diagnostics.error(p.name().span(), "parameter '" + p.name().text() + "' brings the parameters to "
                    + Limits.format(parameterTotal) + " numbers; a program has at most "
                    + Limits.format(Limits.MAX_PARAMETERS));
            parameterTotal = Long.MIN_VALUE / 2;
            return;
        }
        if (resolver.bindingOf.get(p) instanceof Binding.Param b) {
            shapes.paramShapes.put(b, s);
        }
        String name = p.name().text();
        if (p.init() == null) {
            diagnostics.error(p.name().span(), "parameter '" + name + "' needs an initial value: = value, = zeros, "
                    + "~ normal(mu, sigma) or ~ uniform(a, b)");
        } else if (p.init() instanceof Init.Zeros) {
            initialisers.put(p, new ParameterInit.Constant(new double[] {0}));
        } else if (p.init() instanceof Init.Value v) {
            ConstEval.Value value = constants.eval(v.value(), "the initial value of '" + name + "'");
            if (value != null && !value.shape().isScalar() && !value.shape().equals(s)) {
                diagnostics.error(v.value().span(), "the initial value of '" + name + "' is " + value.shape().describe()
                        + ", but the parameter is " + s.describe());
            } else if (value != null) {
                initialisers.put(p, new ParameterInit.Constant(value.values()));
            }
        } else if (p.init() instanceof Init.Random r) {
            ParameterInit init = random(r);
            if (init != null) {
                initialisers.put(p, init);
            }
        }
    }

    private ParameterInit random(Init.Random r) {
        String kind = r.distribution().text();
        if (!kind.equals("normal") && !kind.equals("uniform")) {
            diagnostics.error(r.distribution().span(), "unknown initialiser '" + kind
                    + "'; use normal(mu, sigma) or uniform(a, b)");
            return null;
        }
        String signature = kind.equals("normal") ? "normal(mu, sigma)" : "uniform(a, b)";
        if (r.args().size() != 2) {
            diagnostics.error(r.span(), signature + " takes 2 arguments, but " + r.args().size()
                    + (r.args().size() == 1 ? " was" : " were") + " given");
            return null;
        }
        double[] v = new double[2];
        for (int i = 0; i < 2; i++) {
            ConstEval.Value c = constants.eval(r.args().get(i), "an argument of " + kind);
            if (c == null) {
                return null;
            }
            if (!c.shape().isScalar()) {
                diagnostics.error(r.args().get(i).span(), "the arguments of " + kind + " must be numbers");
                return null;
            }
            v[i] = c.scalar();
        }
        if (kind.equals("normal") && !(v[1] > 0)) {
            diagnostics.error(r.args().get(1).span(), "the standard deviation of normal(mu, sigma) must be positive");
            return null;
        } else if (kind.equals("uniform") && !(v[0] < v[1])) {
            diagnostics.error(r.span(), "uniform(a, b) needs a < b");
            return null;
        }
        return kind.equals("normal") ? new ParameterInit.Normal(v[0], v[1]) : new ParameterInit.Uniform(v[0], v[1]);
    }

    /**
     * Registers the formals of a def, fn or loss and their declared shapes ({@code shaped}: an
     * absent shape means a scalar, as for a fn or loss). Noise ({@code ~ normal}) is checked here:
     * a loss ({@code notLoss} null) may declare it with a known distribution; any other
     * declaration ({@code notLoss} describes it) may not.
     */
    private void formals(List<Formal> formals, boolean shaped, String notLoss) {
        for (Formal f : formals) {
            if (f.noise() != null) {
                noise(f, notLoss);
            }
            Binding b = resolver.bindingOf.get(f);
            if (b == null) {
                continue;
            }
            shapes.formalBindings.put(f, b);
            if (shaped || !f.shape().isEmpty()) {
                Shape s = shape(f.shape(), "an argument");
                if (s != null) {
                    shapes.declareArgument(b, s);
                }
            }
        }
    }

    /** The distributions a noise input may name: standard normal and uniform on (0, 1). */
    static final List<String> NOISE = List.of("normal", "uniform");

    private void noise(Formal f, String notLoss) {
        String kind = f.noise().text();
        if (notLoss != null) {
            diagnostics.error(f.noise().span(), "noise inputs (" + f.name().text() + " ~ " + kind
                    + ") are allowed only in the arguments of a loss, not in " + notLoss
                    + "; declare the noise in the loss and pass it as an argument");
        } else if (!NOISE.contains(kind)) {
            diagnostics.error(f.noise().span(), "unknown noise distribution '" + kind
                    + "'; use ~ normal (standard normal draws N(0, 1)) or ~ uniform (draws U(0, 1)), and scale "
                    + "them in the loss");
        }
    }

    private void define(Binding b, Expr body, ShapeChecker.Context ctx) {
        Typed t = shapes.check(body, ctx);
        if (t != null) {
            shapes.definitions.put(b, t);
        }
    }

    private void metric(Binding.Metric g) {
        Member.Metric decl = g.decl();
        Typed t = shapes.check(decl.value(), new ShapeChecker.Context("metric '" + g.name().text() + "'", false,
                Map.of()));
        if (t == null) {
            return;
        }
        Resolver.ManifoldParts m = partsOf(decl);
        Integer d = m == null || m.coords() == null ? null : shapes.dimensions.get(m.coords());
        if (d != null && !t.shape().equals(Shape.matrix(d, d))) {
            diagnostics.error(decl.value().span(), "metric '" + g.name().text() + "' must be a " + d + "×" + d
                    + " matrix (the manifold has " + d + " coordinate" + (d == 1 ? "" : "s") + "), but it is "
                    + t.shape().describe());
            return;
        }
        shapes.definitions.put(g, t);
    }

    private Resolver.ManifoldParts partsOf(Member.Metric metric) {
        for (Resolver.ManifoldParts m : resolver.manifolds) {
            if (m.metric() == metric) {
                return m;
            }
        }
        return null;
    }

    private void lagrangian(Member.Lagrangian l) {
        Typed t = shapes.check(l.value(), new ShapeChecker.Context("lagrangian '" + l.name().text() + "'", false,
                Map.of()));
        if (t == null) {
            return;
        }
        if (!t.shape().isScalar()) {
            diagnostics.error(l.value().span(), "lagrangian '" + l.name().text() + "' must be a scalar, but it is "
                    + t.shape().describe());
        } else if ((t.deps() & Deps.VELOCITY) == 0) {
            diagnostics.warning(l.name().span(), "lagrangian '" + l.name().text() + "' does not depend on the velocity '"
                    + l.velocity().text() + "', so it defines no motion");
        }
    }

    private void loss(Decl.Loss l) {
        String owner = "loss '" + l.name().text() + "'";
        Typed t = shapes.check(l.body(), new ShapeChecker.Context(owner, true, Map.of()));
        if (t != null && !t.shape().isScalar()) {
            diagnostics.error(l.body().span(), owner + " must be a scalar, but it is " + t.shape().describe());
        }
    }

    /**
     * Checks the body of a def whose arguments all declare shapes, even if it is never called, and
     * of every fn (whose arguments always have shapes): a fn compiles on its own, so it may not use
     * the coordinates or what depends on them.
     */
    private void defWithDeclaredShapes(Decl.Def f) {
        Map<Binding, Typed> args = new HashMap<>();
        for (Formal formal : f.formals()) {
            if (formal.shape().isEmpty() && !f.compiled()) {
                return;
            }
            Binding b = shapes.formalBindings.get(formal);
            Typed declared = b == null ? null : shapes.typedArgument(b);
            if (declared == null) {
                return;
            }
            args.put(b, declared);
        }
        String owner = f.compiled() ? "fn '" + f.name().text() + "'" : "function '" + f.name().text() + "'";
        shapes.check(f.body(), new ShapeChecker.Context(owner, f.compiled(), args));
    }
}
