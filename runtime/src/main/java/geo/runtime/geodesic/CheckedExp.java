package geo.runtime.geodesic;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.MetricCheck;
import geo.runtime.api.MetricKernels;

/**
 * The exponential map (or a sampled geodesic) with a verdict on its accuracy, for callers that
 * report a result to a user:
 * <ul>
 *   <li>an error estimate of the state y = (x, v) at t = 1 against the method's
 *       {@link GeodesicMethod#reference()}: for RK4 by step doubling — with N steps of global error
 *       C h⁴ the result of 2N steps differs from it by (15/16) C h⁴, so the N-step error is
 *       (16/15) ‖y_N − y_2N‖∞ (Richardson; Hairer, Nørsett and Wanner, Solving ODEs I, §II.4) —,
 *       for DOPRI5 against tolerances a hundred times tighter; held to
 *       max(tolerance, {@value #FLOOR}) · max(1, ‖y‖∞);</li>
 *   <li>for a metric, the speed √(vᵀ g(x) v), which is constant along exact geodesics, must agree at
 *       both ends to max(tolerance, {@value #FLOOR}) relative. This catches what the
 *       coordinates hide: near the boundary of a ball the metric is huge and an end velocity
 *       off by 1e-12 in coordinates (even of the wrong sign) is off by its whole size in the metric;</li>
 *   <li>the metric must be positive definite at the start, at the end and at every sample of the
 *       reference integration ({@link #alongPath}) or of the path.</li>
 * </ul>
 * Not thread-safe (one per thread).
 */
public final class CheckedExp {

    /**
     * The smallest relative error held against a result: an integrator's tolerance bounds local
     * errors, and the global error of an accurate result is typically some hundred times larger;
     * the speed, a square root of a quadratic form in rounded metric values, is no more accurate.
     */
    public static final double FLOOR = 1e-10;

    /** The verdict. */
    public enum Status {
        /** Every estimate is within the tolerance. */
        ACCURATE,
        /** An estimate exceeds the tolerance: the result is not to be trusted. */
        INACCURATE
    }

    /**
     * A checked end state.
     *
     * @param x          the end point
     * @param v          the end velocity
     * @param status     the verdict
     * @param error      the error estimate of (x, v) (max norm) against the method's reference
     * @param speedDrift |s(1) − s(0)| / s(0) for the speed s of a metric (0 for v = 0); NaN without a metric
     * @param detail     why the result is inaccurate ("" when accurate)
     */
    public record Result(double[] x, double[] v, Status status, double error, double speedDrift, String detail) {
        public boolean accurate() {
            return status == Status.ACCURATE;
        }
    }

    private final Geodesics geodesics;
    private final Geodesics reference;
    private final MetricKernels metric;
    private final GeodesicMethod method;
    private final int d;
    private final double[] g;
    private final double[] scratch;

    /**
     * @param metric the model's metric kernels, or null for a Lagrangian (no speed or definiteness check)
     */
    public CheckedExp(AccelerationKernels kernels, MetricKernels metric, GeodesicMethod method) {
        this.geodesics = new Geodesics(kernels, method);
        this.reference = new Geodesics(kernels, method.reference());
        this.metric = metric;
        this.method = method;
        this.d = geodesics.dimension();
        this.g = new double[d * d];
        this.scratch = new double[d * d];
    }

    /**
     * exp_x(v) with its verdict.
     *
     * @throws geo.runtime.ode.IntegrationException      if the integration fails
     * @throws geo.runtime.api.DomainException            if x is outside the domain
     * @throws MetricCheck.IndefiniteMetricException if g is not positive definite at x or at the end
     */
    public Result exp(double[] x, double[] v, double[] theta) {
        double speed0 = startSpeed(x, v, theta);
        double[] end = new double[d];
        double[] vEnd = new double[d];
        geodesics.exp(x, v, theta, end, vEnd);
        double[] end2 = new double[d];
        double[] vEnd2 = new double[d];
        alongPath(reference, metric, x, v, theta, end2, vEnd2, g, scratch);
        double error = method.referenceFactor() * Math.max(maxDiff(end, end2), maxDiff(vEnd, vEnd2));
        return verdict(end, vEnd, theta, speed0, error, "the end point");
    }

    /**
     * The geodesic sampled as {@link Geodesics#path}, checked at every sample (definiteness, speed)
     * and, for RK4, by step doubling at the last one (against twice the steps the path took).
     *
     * @return the verdict on the last sample
     */
    public Result path(double[] x, double[] v, double[] theta, int n, double[] positions, double[] velocities) {
        double speed0 = startSpeed(x, v, theta);
        geodesics.path(x, v, theta, n, positions, velocities);
        double[] xs = new double[d];
        double[] vs = new double[d];
        for (int k = 1; k < n - 1 && metric != null; k++) {
            System.arraycopy(positions, k * d, xs, 0, d);
            MetricCheck.require(metric, "the sample at t = " + (double) k / (n - 1) + ", x =", xs, theta, g, scratch);
        }
        System.arraycopy(positions, (n - 1) * d, xs, 0, d);
        System.arraycopy(velocities, (n - 1) * d, vs, 0, d);
        Geodesics ref = reference;
        if (!method.adaptive()) {
            // The path took ⌈steps/(n − 1)⌉ steps per interval: double those.
            int perInterval = (method.steps() + n - 2) / (n - 1);
            ref = new Geodesics(geodesics.kernels(), GeodesicMethod.rk4(Math.multiplyExact(perInterval, n - 1),
                    method.blowUp()).withTolerance(method.tolerance()).reference());
        }
        double[] end2 = new double[d];
        double[] vEnd2 = new double[d];
        ref.exp(x, v, theta, end2, vEnd2);
        double error = method.referenceFactor() * Math.max(maxDiff(xs, end2), maxDiff(vs, vEnd2));
        return verdict(xs, vs, theta, speed0, error, "the end point");
    }

    /** Interior samples {@link #alongPath} checks at most (intervals of the path). */
    public static final int PATH_INTERVALS = 64;

    /**
     * exp_x(v) by {@code geodesics}, sampled on the way, with the metric checked for definiteness
     * at every interior sample: the solvers' closed-form sprays (d ≤ 4) never factor g, so an
     * indefinite stretch between positive definite ends would go unseen. DOPRI5 samples
     * {@value #PATH_INTERVALS} intervals by its dense output; RK4 the largest divisor of its step
     * count up to {@value #PATH_INTERVALS}, so that the end state is exactly that of exp.
     *
     * @param metric null for none (no check)
     * @param xEnd   the end point (overwritten)
     * @param vEnd   the end velocity (overwritten)
     * @param g      d·d scratch
     * @param scratch d·d scratch
     * @throws MetricCheck.IndefiniteMetricException at the first sample where g is not positive definite
     */
    public static void alongPath(Geodesics geodesics, MetricKernels metric, double[] x, double[] v, double[] theta,
                                 double[] xEnd, double[] vEnd, double[] g, double[] scratch) {
        GeodesicMethod m = geodesics.method();
        if (metric == null) {
            geodesics.exp(x, v, theta, xEnd, vEnd);
            return;
        }
        int intervals = PATH_INTERVALS;
        if (!m.adaptive()) {
            intervals = Math.min(PATH_INTERVALS, m.steps());
            while (m.steps() % intervals != 0) {
                intervals--;
            }
        }
        int d = x.length;
        int n = intervals + 1;
        double[] positions = new double[n * d];
        double[] velocities = new double[n * d];
        geodesics.path(x, v, theta, n, positions, velocities);
        double[] xs = new double[d];
        for (int k = 1; k < n - 1; k++) {
            System.arraycopy(positions, k * d, xs, 0, d);
            metric.metric(xs, theta, g);
            String reason = MetricCheck.reason(g, d, scratch);
            if (reason != null) {
                throw new MetricCheck.IndefiniteMetricException("the geodesic's point at t = " + (double) k / intervals
                        + ", x =", xs, reason);
            }
        }
        System.arraycopy(positions, (n - 1) * d, xEnd, 0, d);
        System.arraycopy(velocities, (n - 1) * d, vEnd, 0, d);
    }

    private double startSpeed(double[] x, double[] v, double[] theta) {
        if (metric == null) {
            return Double.NaN;
        }
        MetricCheck.require(metric, "the start point x =", x, theta, g, scratch);
        return Math.sqrt(quadratic(v));
    }

    private Result verdict(double[] end, double[] vEnd, double[] theta, double speed0, double error, String what) {
        double tol = method.tolerance();
        StringBuilder why = new StringBuilder();
        double scale = Math.max(1, Math.max(maxAbs(end), maxAbs(vEnd)));
        double allowed = Math.max(tol, FLOOR);
        if (!(error <= allowed * scale)) {
            why.append(method.adaptive() ? "the error estimate " : "the step-doubling error estimate ").append(error)
                    .append(" exceeds the tolerance ").append(allowed).append(scale > 1 ? " × " + scale : "")
                    .append(method.adaptive() ? "" : " (use more steps)");
        }
        double drift = Double.NaN;
        if (metric != null) {
            MetricCheck.require(metric, what, end, theta, g, scratch);
            double speed1 = Math.sqrt(quadratic(vEnd));
            drift = speed0 == 0 ? Math.abs(speed1) : Math.abs(speed1 - speed0) / speed0;
            if (!(drift <= allowed)) {
                why.append(why.length() == 0 ? "" : "; ").append("the speed |v|_g, constant along exact geodesics, ")
                        .append("went from ").append(speed0).append(" to ").append(speed1)
                        .append(" (relative change ").append(drift).append(" > ").append(allowed)
                        .append("): the integration is inaccurate (too few steps, or a geodesic the coordinates ")
                        .append("cannot resolve, e.g. one running into the domain's boundary)");
            }
        }
        Status status = why.length() == 0 ? Status.ACCURATE : Status.INACCURATE;
        return new Result(end, vEnd, status, error, drift, why.toString());
    }

    /** vᵀ g v with the g last evaluated. */
    private double quadratic(double[] v) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s += v[i] * g[i * d + j] * v[j];
            }
        }
        return s;
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double ai : a) {
            m = Math.max(m, Math.abs(ai));
        }
        return m;
    }
}
