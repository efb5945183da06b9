package geo.spark.job;

import geo.runtime.geodesic.GeodesicMethod;
import java.io.Serializable;

/**
 * The geodesic integrator of the distance job, with {@code geo dist}'s defaults and bounds
 * (DOPRI5 at 10⁻¹², or RK4 with a step count), carried to the executors as plain values.
 *
 * @param method "dopri5" or "rk4"
 * @param steps  RK4 steps
 * @param rtol   DOPRI5's relative and absolute tolerance, or the bound on RK4's step-doubling
 *               error estimate; NaN for the method's default
 */
public record Integrator(String method, int steps, double rtol) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The integrator without {@code --method}, as {@code geo dist}. */
    public static final String DEFAULT_METHOD = "dopri5";
    /** DOPRI5's tolerance without {@code --rtol}, as {@code geo dist}. */
    public static final double DEFAULT_RTOL = 1e-12;
    /** RK4 steps without {@code --steps}, as {@code geo dist}. */
    public static final int DEFAULT_STEPS = 100;
    /** The most RK4 steps, and the most steps times coordinates (each solve records about 8·d numbers a step). */
    public static final int MAX_STEPS = 100_000;
    public static final long MAX_STEPS_TIMES_D = 2_000_000;
    /** {@code geo dist}'s integrator. */
    public static final Integrator DEFAULTS = new Integrator(DEFAULT_METHOD, DEFAULT_STEPS, Double.NaN);

    /**
     * The integrator for d coordinates.
     *
     * @throws JobException for an unknown method or impossible values
     */
    public GeodesicMethod geodesicMethod(int d) throws JobException {
        try {
            return switch (method) {
                case "rk4" -> {
                    if (steps < 1 || steps > MAX_STEPS || (long) steps * d > MAX_STEPS_TIMES_D) {
                        throw new JobException("--steps must be from 1 to " + Math.min(MAX_STEPS, MAX_STEPS_TIMES_D / d)
                                + " for " + d + " coordinates, got " + steps);
                    }
                    yield GeodesicMethod.rk4(steps).withTolerance(Double.isNaN(rtol) ? GeodesicMethod.DEFAULT_RK4_TOLERANCE
                            : rtol);
                }
                case "dopri5" -> {
                    double tol = Double.isNaN(rtol) ? DEFAULT_RTOL : rtol;
                    yield GeodesicMethod.dopri5(tol, tol);
                }
                default -> throw new JobException("unknown --method '" + method + "'; use rk4 or dopri5");
            };
        } catch (IllegalArgumentException e) {
            throw new JobException("--rtol: " + e.getMessage());
        }
    }
}
