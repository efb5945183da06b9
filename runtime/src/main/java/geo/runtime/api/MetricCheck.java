package geo.runtime.api;

import geo.runtime.linalg.Cholesky;
import java.util.Arrays;

/**
 * Whether a metric value g(x) is positive definite, by the pivots of its Cholesky factorisation
 * g = L Lᵀ: g is positive definite exactly when every pivot (the ratio of consecutive leading
 * principal minors) is positive (Golub and Van Loan, Matrix Computations, 4th ed., §4.2). The
 * solvers check the metric where they start and end, so that an indefinite or degenerate metric
 * is a numerical failure that says where, not a NaN distance.
 */
public final class MetricCheck {

    private MetricCheck() {
    }

    /**
     * Why the d×d matrix g (row-major; its lower triangle is read) is not positive definite — the
     * first non-positive or non-finite Cholesky pivot — or null when it is.
     *
     * @param scratch d·d doubles (overwritten)
     */
    public static String reason(double[] g, int d, double[] scratch) {
        System.arraycopy(g, 0, scratch, 0, d * d);
        int j = Cholesky.factor(scratch, d);
        if (j == d) {
            return null;
        }
        double s = scratch[j * d + j];
        return "Cholesky pivot " + j + " (of " + d + ") is " + s
                + (Double.isFinite(s) ? ", so the leading minor of order " + (j + 1) + " is not positive" : "");
    }

    /**
     * Evaluates g(x; θ) into {@code g} and throws unless it is positive definite.
     *
     * @param what    what x is, for the message (e.g. "the start point x")
     * @param g       d·d doubles (overwritten with g(x; θ))
     * @param scratch d·d doubles (overwritten)
     * @throws IndefiniteMetricException if g(x; θ) is not positive definite
     */
    public static void require(MetricKernels metric, String what, double[] x, double[] theta, double[] g,
                               double[] scratch) {
        int d = x.length;
        metric.metric(x, theta, g);
        String reason = reason(g, d, scratch);
        if (reason != null) {
            throw new IndefiniteMetricException(what, x, reason);
        }
    }

    /** Sample points of {@link #sample}, as the compiler's sanity checks of the default parameters take. */
    public static final int SAMPLES = 64;

    /**
     * Checks g(x; θ) at {@value #SAMPLES} points drawn from the domain (uniformly, 5% clear of its
     * boundary; the box [−1, 1]^d without one; seeded, so reproducible), as the compiler checks the
     * default parameters: for parameters given at run time.
     *
     * @return "x = (...): reason" for the first sample where g is not finite, symmetric and positive
     *         definite, or null
     */
    public static String sample(MetricKernels metric, Domain domain, int d, double[] theta) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        double[] x = new double[d];
        double[] g = new double[d * d];
        double[] scratch = new double[d * d];
        for (int s = 0; s < SAMPLES; s++) {
            draw(domain, x, random);
            metric.metric(x, theta, g);
            String reason = null;
            for (int i = 0; i < d && reason == null; i++) {
                for (int j = 0; j < i; j++) {
                    double a = g[i * d + j];
                    double b = g[j * d + i];
                    if (!(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b))))) {
                        reason = "g[" + i + "][" + j + "] = " + a + " but g[" + j + "][" + i + "] = " + b;
                        break;
                    }
                }
            }
            if (reason == null) {
                reason = reason(g, d, scratch);
            }
            if (reason != null) {
                String p = Arrays.toString(x);
                return "x = (" + p.substring(1, p.length() - 1) + "): " + reason;
            }
        }
        return null;
    }

    /** A uniform point of the domain shrunk by 5% about its centre (a ball, a box, or [−1, 1]^d). */
    private static void draw(Domain domain, double[] x, java.util.SplittableRandom random) {
        int d = x.length;
        if (domain instanceof Domain.Ball ball) {
            double norm = 0;
            for (int i = 0; i < d; i++) {
                x[i] = random.nextGaussian();
                norm += x[i] * x[i];
            }
            double r = ball.radius() * 0.95 * Math.pow(random.nextDouble(), 1.0 / d) / Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                x[i] *= r;
            }
        } else if (domain instanceof Domain.Box box) {
            for (int i = 0; i < d; i++) {
                double lo = box.lo().get(i);
                double hi = box.hi().get(i);
                x[i] = (hi + lo) / 2 + (hi - lo) / 2 * 0.95 * (2 * random.nextDouble() - 1);
            }
        } else {
            for (int i = 0; i < d; i++) {
                x[i] = 0.95 * (2 * random.nextDouble() - 1);
            }
        }
    }

    /** A metric that is not positive definite where a solver evaluates it: a numerical failure. */
    public static final class IndefiniteMetricException extends ArithmeticException {

        private static final long serialVersionUID = 1L;

        public IndefiniteMetricException(String what, double[] x, String reason) {
            super("the metric is not positive definite at " + what + " " + text(x) + ": " + reason
                    + " (check the parameters)");
        }

        private static String text(double[] x) {
            String s = Arrays.toString(x);
            return "(" + s.substring(1, s.length() - 1) + ")";
        }
    }
}
