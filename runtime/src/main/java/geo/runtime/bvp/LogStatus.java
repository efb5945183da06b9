package geo.runtime.bvp;

/** How a log (shooting) solve ended; only {@link #CONVERGED} gives a logarithm (and a distance). */
public enum LogStatus {
    /** The end point of the shot is within tolerance of the target. */
    CONVERGED,
    /** The iteration limit was reached first. */
    MAX_ITERATIONS,
    /** The Jacobian of the exponential map in v became singular (conjugate points, degenerate metric). */
    SINGULAR_JACOBIAN,
    /** Even the shortest trial shots failed to integrate, or no step reduced the residual. */
    NO_PROGRESS,
    /**
     * The shot reached the target within the tolerance in coordinates, but the error estimate
     * of the distance in the metric (endpoint residual, step doubling, speed drift) exceeds the
     * method's tolerance: e.g. near the boundary of a ball, or too few RK4 steps.
     */
    INACCURATE,
    /**
     * A geodesic from x to y was found, but it is not certified to be the shortest: it has a
     * conjugate point before t = 1 (so a shorter curve exists) or its Jacobi fields could not be
     * checked, and no other candidate (periodic images of y) was certified. Its length is not the
     * distance.
     */
    NOT_MINIMAL;

    public boolean converged() {
        return this == CONVERGED;
    }
}
