package geo.compiler.derive;

import geo.compiler.check.ChartDomain;
import geo.compiler.check.CheckedProgram;
import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.Tensor;
import geo.compiler.source.Diagnostics;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Compile-time sanity checks on sampled points, reported as warnings at the declaration: a metric
 * that is not finite, not symmetric or not positive definite, and a Lagrangian whose ∂²L/∂v² is
 * singular or indefinite (the Legendre condition). Points are drawn from the chart's declared
 * domain (or the box [−1, 1]^d without one), 5% clear of its boundary, with the model's default
 * parameters; the draws are seeded, so the warnings are reproducible. Each problem is reported
 * once, at the first point that shows it. A check interprets at most about half a million nodes,
 * so a huge model gets fewer than {@link #SAMPLES} points (never fewer than 4).
 */
public final class SanityChecks {

    /** Sample points per check, for models of ordinary size. */
    public static final int SAMPLES = 64;
    /** Interpreted node evaluations one check may spend: huge models get fewer samples (at least 4). */
    private static final long EVALUATION_BUDGET = 500_000;
    private static final double MARGIN = 0.05;
    private static final double SYMMETRY_TOLERANCE = 1e-12;

    private SanityChecks() {
    }

    /**
     * Runs every check that applies to {@code model} and reports into {@code diagnostics}. A
     * Lagrangian free of the velocity is left alone: the checker has warned about it already.
     */
    public static void run(CheckedProgram.Model model, LoweredModel lowered, NodeFactory f, Diagnostics diagnostics) {
        int d = lowered.dimension();
        ChartDomain domain = model.domain() != null ? model.domain()
                : new ChartDomain.Box(filled(d, -1), filled(d, 1));
        double[] theta = lowered.params().initialValues(0);
        RandomGenerator random = new SplittableRandom(1);
        if (lowered.metric() != null) {
            metric(model, lowered.metric(), d, domain, theta, random, diagnostics);
        }
        if (lowered.lagrangian() != null) {
            EulerLagrange el = new EulerLagrange(f, lowered);
            boolean velocityFree = true;
            for (var p : el.momentum()) {
                velocityFree &= p.isConstant(0);
            }
            if (!velocityFree) {
                legendre(model, el.velocityHessian(), d, domain, theta, random, diagnostics);
            }
        }
    }

    private static void metric(CheckedProgram.Model model, Tensor g, int d, ChartDomain domain, double[] theta,
                               RandomGenerator random, Diagnostics diagnostics) {
        String name = "metric '" + model.metric().name().text() + "'";
        var span = model.metric().value().span();
        Program program = Program.compile(g.elements());
        boolean finite = true;
        boolean symmetric = true;
        boolean definite = true;
        int samples = samples(program);
        for (int s = 0; s < samples && (finite || symmetric || definite); s++) {
            double[] x = domain.sample(d, MARGIN, random);
            double[] values = program.evaluate(new Bindings().coords(x).params(theta));
            if (!allFinite(values)) {
                if (finite) {
                    diagnostics.warning(span, name + " is not finite at x = " + point(x) + " (default parameters)");
                }
                finite = false;
                continue;
            }
            String asymmetry = asymmetry(values, d);
            if (asymmetry != null && symmetric) {
                diagnostics.warning(span, name + " is not symmetric: " + asymmetry + " at x = " + point(x));
                symmetric = false;
            }
            if (!choleskySucceeds(values, d, 1) && definite) {
                diagnostics.warning(span, name + " is not positive definite at x = " + point(x)
                        + " (default parameters)");
                definite = false;
            }
        }
    }

    private static void legendre(CheckedProgram.Model model, Tensor hessian, int d, ChartDomain domain,
                                 double[] theta, RandomGenerator random, Diagnostics diagnostics) {
        Program program = Program.compile(hessian.elements());
        int samples = samples(program);
        for (int s = 0; s < samples; s++) {
            double[] x = domain.sample(d, MARGIN, random);
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = random.nextGaussian();
            }
            double t = random.nextDouble();
            double[] h = program.evaluate(new Bindings().coords(x).velocities(v).time(t).params(theta));
            if (!allFinite(h) || (!choleskySucceeds(h, d, 1) && !choleskySucceeds(h, d, -1))) {
                diagnostics.warning(model.lagrangian().value().span(), "lagrangian '"
                        + model.lagrangian().name().text() + "' fails the Legendre condition at x = " + point(x)
                        + ", v = " + point(v) + ": its Hessian in the velocity is singular or indefinite there, "
                        + "so the Euler-Lagrange equations cannot be solved for the acceleration");
                return;
            }
        }
    }

    private static int samples(Program program) {
        return (int) Math.max(4, Math.min(SAMPLES, EVALUATION_BUDGET / Math.max(1, program.registerCount())));
    }

    private static String asymmetry(double[] g, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double a = g[i * d + j];
                double b = g[j * d + i];
                if (Math.abs(a - b) > SYMMETRY_TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))) {
                    return "g[" + i + "," + j + "] = " + number(a) + " but g[" + j + "," + i + "] = " + number(b);
                }
            }
        }
        return null;
    }

    /**
     * True when {@code sign}·A (A d×d, row-major, its lower triangle read) has a Cholesky factor
     * with pivots clearly above zero (relative to the largest diagonal entry).
     */
    static boolean choleskySucceeds(double[] a, int d, int sign) {
        double[] l = new double[d * d];
        double scale = 0;
        for (int i = 0; i < d; i++) {
            scale = Math.max(scale, Math.abs(a[i * d + i]));
        }
        double floor = 1e-12 * Math.max(scale, Double.MIN_NORMAL);
        for (int j = 0; j < d; j++) {
            double s = sign * a[j * d + j];
            for (int k = 0; k < j; k++) {
                s -= l[j * d + k] * l[j * d + k];
            }
            if (!(s > floor)) {
                return false;
            }
            l[j * d + j] = Math.sqrt(s);
            for (int i = j + 1; i < d; i++) {
                double t = sign * a[i * d + j];
                for (int k = 0; k < j; k++) {
                    t -= l[i * d + k] * l[j * d + k];
                }
                l[i * d + j] = t / l[j * d + j];
            }
        }
        return true;
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double[] filled(int d, double value) {
        double[] out = new double[d];
        java.util.Arrays.fill(out, value);
        return out;
    }

    private static String point(double[] x) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < x.length; i++) {
            out.append(i == 0 ? "" : ", ").append(number(x[i]));
        }
        return out.append(')').toString();
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
