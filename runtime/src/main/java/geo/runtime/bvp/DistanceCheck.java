package geo.runtime.bvp;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.MetricCheck;
import geo.runtime.api.MetricKernels;
import geo.runtime.geodesic.CheckedExp;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.ode.IntegrationException;

/**
 * An error estimate for a distance d = ‖v‖_g(x) from a converged shot exp_x(v) ≈ y, measured in
 * the metric, where it matters: a shot within 1e-11 of y in coordinates may miss it by a whole
 * unit of length where g is huge (near the boundary of a Poincaré ball, g ≈ 4/(1 − |y|²)²). By
 * the triangle inequality |d(x, y) − d(x, exp_x(v))| ≤ d(exp_x(v), y) ≈ ‖exp_x(v) − y‖_g(y), so
 * the estimate is the sum of
 * <ul>
 *   <li>the endpoint residual in the metric at y, √(Fᵀ g(y) F) with F = exp_x(v) − y;</li>
 *   <li>the integration error of the end point against the method's
 *       {@link GeodesicMethod#reference()}: for RK4 by step doubling, (16/15)·‖exp₂ₙ − expₙ‖_g(y),
 *       for DOPRI5 against tolerances a hundred times tighter;</li>
 *   <li>the drift of the speed, |√(γ'(1)ᵀ g(y) γ'(1)) − d|, constant along exact geodesics.</li>
 * </ul>
 * The reference integration also checks the metric's definiteness along the geodesic
 * ({@link CheckedExp#alongPath}). A distance is accurate when the estimate is at most max(tolerance, {@value #FLOOR}) · max(1, d),
 * the tolerance being the method's ({@link GeodesicMethod#tolerance()}). Not thread-safe.
 */
final class DistanceCheck {

    /**
     * The smallest relative error a distance is held to: the Newton residual (1e-11 in
     * coordinates by default) and the metric's rounding leave about this much even where g is
     * of order 1.
     */
    static final double FLOOR = 1e-10;

    private final MetricKernels metric;
    private final Geodesics reference;
    private final double tolerance;
    private final double factor;
    private final int d;
    private final double[] g;
    private final double[] scratch;
    private final double[] diff;
    private final double[] end2;
    private final double[] vEnd2;
    private final double[] g2;

    DistanceCheck(AccelerationKernels acceleration, MetricKernels metric, GeodesicMethod method) {
        this.metric = metric;
        this.reference = new Geodesics(acceleration, method.reference());
        this.factor = method.referenceFactor();
        this.tolerance = Math.max(method.tolerance(), FLOOR);
        this.d = acceleration.descriptor().dimension();
        g = new double[d * d];
        scratch = new double[d * d];
        diff = new double[d];
        end2 = new double[d];
        vEnd2 = new double[d];
        g2 = new double[d * d];
    }

    /** The error a distance d may have: max(tolerance, FLOOR) · max(1, d). */
    double allowed(double distance) {
        return tolerance * Math.max(1, distance);
    }

    /**
     * Throws unless g is positive definite at x (read into the caller's view of the start).
     *
     * @throws MetricCheck.IndefiniteMetricException if it is not
     */
    void requireDefinite(String what, double[] point, double[] theta) {
        MetricCheck.require(metric, what, point, theta, g, scratch);
    }

    /**
     * Throws when g is not positive definite along the geodesic t ↦ exp_x(tv) ({@link CheckedExp#alongPath}).
     * A failing integration is not reported here: the caller's status already says the geodesic
     * could not be certified.
     *
     * @throws MetricCheck.IndefiniteMetricException if g is not positive definite along it
     */
    void requireDefiniteAlong(double[] x, double[] v, double[] theta) {
        try {
            CheckedExp.alongPath(reference, metric, x, v, theta, end2, vEnd2, g2, scratch);
        } catch (IntegrationException ex) {
            // Not a definiteness failure: the status (not minimal) stands.
        }
    }

    /**
     * The error estimate of d = ‖v‖_g(x) (see the class comment); infinite when the reference
     * integration fails.
     *
     * @param end  exp_x(v) as shot
     * @param vEnd γ'(1) as shot
     * @throws MetricCheck.IndefiniteMetricException if g is not positive definite at y or along the geodesic
     */
    double estimate(double[] x, double[] y, double[] v, double[] theta, double[] end, double[] vEnd, double distance) {
        requireDefinite("the end point y =", y, theta);
        for (int i = 0; i < d; i++) {
            diff[i] = end[i] - y[i];
        }
        double e = norm(diff);
        try {
            CheckedExp.alongPath(reference, metric, x, v, theta, end2, vEnd2, g2, scratch);
        } catch (IntegrationException ex) {
            return Double.POSITIVE_INFINITY;
        }
        for (int i = 0; i < d; i++) {
            diff[i] = end2[i] - end[i];
        }
        e += factor * norm(diff);
        e += Math.abs(norm(vEnd) - distance);
        return e;
    }

    /** √(uᵀ g u) with the g last evaluated (at y). */
    private double norm(double[] u) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s += u[i] * g[i * d + j] * u[j];
            }
        }
        return Math.sqrt(Math.max(s, 0));
    }
}
