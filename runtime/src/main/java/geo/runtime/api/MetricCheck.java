package geo.runtime.api;

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
        for (int j = 0; j < d; j++) {
            double s = scratch[j * d + j];
            for (int k = 0; k < j; k++) {
                s -= scratch[j * d + k] * scratch[j * d + k];
            }
            if (!(s > 0) || Double.isInfinite(s)) {
                return "Cholesky pivot " + j + " (of " + d + ") is " + s
                        + (Double.isFinite(s) ? ", so the leading minor of order " + (j + 1) + " is not positive" : "");
            }
            double pivot = Math.sqrt(s);
            scratch[j * d + j] = pivot;
            for (int i = j + 1; i < d; i++) {
                double t = scratch[i * d + j];
                for (int k = 0; k < j; k++) {
                    t -= scratch[i * d + k] * scratch[j * d + k];
                }
                scratch[i * d + j] = t / pivot;
            }
        }
        return null;
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
