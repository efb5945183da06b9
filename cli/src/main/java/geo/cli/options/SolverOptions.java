package geo.cli.options;

import geo.cli.common.UsageException;
import geo.runtime.geodesic.GeodesicMethod;
import picocli.CommandLine.Option;

/**
 * The integrator of a command that solves geodesics (a picocli mixin): {@code --method},
 * {@code --steps} and {@code --rtol}, read into a {@link GeodesicMethod} with the bounds checked.
 */
public final class SolverOptions {

    /** The most RK4 steps, and the most steps times coordinates (a solve records about 8·d numbers a step). */
    public static final int MAX_STEPS = 100_000;
    public static final long MAX_STEPS_TIMES_D = 2_000_000;

    /** DOPRI5's tolerance without --rtol. */
    public static final double DEFAULT_RTOL = 1e-12;

    @Option(names = "--method", paramLabel = "rk4|dopri5", defaultValue = "dopri5",
            description = "The integrator (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100",
            description = "RK4 steps, at most 100000 and 2000000/d (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--rtol", paramLabel = "TOL",
            description = "The tolerance: DOPRI5's relative and absolute tolerance (default: 1e-12), or the bound on "
                    + "RK4's step-doubling error estimate (default: 1e-6); at least 1e-14.")
    Double rtol;

    /** The integrator of --method, --steps and --rtol for a model of d coordinates; impossible values are usage errors. */
    public GeodesicMethod integrator(int d) throws UsageException {
        try {
            switch (method) {
                case "rk4":
                    if (steps < 1) {
                        throw new UsageException("--steps must be at least 1, got " + steps);
                    }
                    // Solves record every step (about 8·d numbers a step) for their exact Jacobians.
                    if (steps > MAX_STEPS || (long) steps * d > MAX_STEPS_TIMES_D) {
                        throw new UsageException("--steps must be at most " + Math.min(MAX_STEPS, MAX_STEPS_TIMES_D / d)
                                + " for " + d + " coordinates (steps·d at most " + MAX_STEPS_TIMES_D + "), got " + steps);
                    }
                    return GeodesicMethod.rk4(steps).withTolerance(rtol != null ? rtol
                            : GeodesicMethod.DEFAULT_RK4_TOLERANCE);
                case "dopri5":
                    double tol = rtol != null ? rtol : DEFAULT_RTOL;
                    return GeodesicMethod.dopri5(tol, tol);
                default:
                    throw new UsageException("unknown --method '" + method + "'; use rk4 or dopri5");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--rtol: " + e.getMessage());
        }
    }
}
