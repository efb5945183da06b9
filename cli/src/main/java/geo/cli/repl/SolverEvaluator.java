package geo.cli.repl;

import geo.compiler.ast.Expr;
import geo.runtime.api.DomainException;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.CheckedExp;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import geo.runtime.ode.IntegrationException;
import java.util.List;

/**
 * Evaluates {@code exp(x, v)}, {@code log(x, y)} and {@code dist(x, y)} with the runtime's solvers
 * on the session's first manifold, at its default parameters: DOPRI5 at rtol = atol = 1e-12, log by
 * damped Newton shooting. Points are vector literals of numbers. Values print with full double
 * precision; a log or distance that did not converge is reported as an error, never as a number.
 */
final class SolverEvaluator implements Evaluator {

    static final GeodesicMethod METHOD = GeodesicMethod.dopri5(1e-12, 1e-12);

    @Override
    public String evaluate(Expression expression, ModelContext context) throws EvaluationException {
        String callee = expression.callee();
        List<Expr> args = expression.arguments();
        if (callee == null || args.size() != 2 || !List.of("exp", "log", "dist").contains(callee)) {
            throw new EvaluationException("cannot evaluate '" + expression.text() + "': the REPL evaluates exp(x, v),"
                    + " log(x, y) and dist(x, y); declarations start with a keyword and commands with ':'");
        }
        if (!context.ready()) {
            throw new EvaluationException(callee + " needs a complete model: " + context.status());
        }
        Model model = context.models().models().stream().filter(m -> m.dimension() > 0).findFirst()
                .orElseThrow(() -> new EvaluationException(callee + " needs a manifold; the model has only losses"));
        int d = model.dimension();
        double[] a = point(args.get(0), d, "the first argument of " + callee);
        double[] b = point(args.get(1), d, "the second argument of " + callee);
        inDomain(model, a, "the first argument of " + callee);
        if (!callee.equals("exp")) {
            inDomain(model, b, "the second argument of " + callee);
        }
        double[] theta = model.defaultParameters();
        try {
            switch (callee) {
                case "exp": {
                    boolean metric = model.descriptor().kernels().contains("metric");
                    CheckedExp.Result r = new CheckedExp(model.acceleration(), metric ? model.metric() : null, METHOD)
                            .exp(a, b, theta);
                    if (!r.accurate()) {
                        throw new EvaluationException("exp: the result is inaccurate: " + r.detail());
                    }
                    return "exp = " + vector(r.x());
                }
                case "log": {
                    double[] v = new double[d];
                    LogResult r = distances(model, callee).log(a, b, theta, v);
                    require(r, callee);
                    return "log = " + vector(v) + "  (" + r + ")";
                }
                default: {
                    Distances.Distance r = distances(model, callee).distance(a, b, theta);
                    require(r.log(), callee);
                    return "dist = " + r.value() + "  (" + r.log() + ")";
                }
            }
        } catch (IntegrationException | ArithmeticException | DomainException e) {
            throw new EvaluationException(callee + ": " + e.getMessage());
        }
    }

    /** Points outside the declared domain are refused before any solver runs, naming the point and the domain. */
    private static void inDomain(Model model, double[] x, String what) throws EvaluationException {
        String reason = model.descriptor().domain().check(x);
        if (reason != null) {
            String p = java.util.Arrays.toString(x);
            throw new EvaluationException(what + " [" + p.substring(1, p.length() - 1) + "] is outside the domain "
                    + model.descriptor().domain() + " of manifold " + model.name() + ": " + reason);
        }
    }

    private static Distances distances(Model model, String callee) throws EvaluationException {
        if (!model.descriptor().kernels().contains("metric")) {
            throw new EvaluationException(callee + " needs a metric; manifold " + model.name() + " has a lagrangian only");
        }
        return new Distances(model, METHOD, Shooting.Options.DEFAULT);
    }

    private static void require(LogResult r, String callee) throws EvaluationException {
        if (!r.converged()) {
            throw new EvaluationException(callee + ": " + r.failure());
        }
    }

    /** A vector literal of d numbers (each possibly negated). */
    private static double[] point(Expr e, int d, String what) throws EvaluationException {
        if (!(e instanceof Expr.ListLit list) || list.elements().size() != d) {
            throw new EvaluationException(what + " must be a list of " + d + " numbers, such as "
                    + (d == 2 ? "[0.1, 0.2]" : "[0.1, ...]"));
        }
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            Expr x = list.elements().get(i);
            double sign = 1;
            while (x instanceof Expr.Neg n) {
                sign = -sign;
                x = n.operand();
            }
            if (!(x instanceof Expr.Num num)) {
                throw new EvaluationException(what + " must hold numbers, but element " + (i + 1) + " is not one");
            }
            out[i] = sign * num.value();
        }
        return out;
    }

    private static String vector(double[] x) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < x.length; i++) {
            out.append(i == 0 ? "" : ", ").append(x[i]);
        }
        return out.append(']').toString();
    }
}
