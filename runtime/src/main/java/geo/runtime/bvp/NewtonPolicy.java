package geo.runtime.bvp;

/**
 * When {@link Shooting}'s Newton iteration (and {@link CoarsePhase}'s) trusts, updates, refines or
 * replaces its matrix: the step-control thresholds, measured once and shared by both. A Newton
 * step that leaves the fraction r of the residual is judged against them (Dennis &amp; Schnabel,
 * <i>Numerical Methods for Unconstrained Optimization and Nonlinear Equations</i>, 1983, §8: Broyden's
 * method converges superlinearly or not at all, so slow progress means a fresh matrix is due).
 */
final class NewtonPolicy {

    /**
     * An updated Jacobian is replaced by the exact one when an accepted step leaves more than this
     * fraction of the residual: Broyden's method is then not converging superlinearly, and an
     * exact Newton step from a nearby point is the surest way on.
     */
    static final double SLOW_PROGRESS = 0.5;

    /**
     * A Broyden-updated coarse matrix is kept while each accepted step leaves at most this
     * fraction of the residual; stricter than {@link #SLOW_PROGRESS} because a fresh coarse matrix
     * contracts by 1e-4 to 1e-3 near the solution (measured on the dense network metric at d = 10
     * and 20 on a loaded machine: 0.1, 0.25 and 0.5 within the run-to-run noise of about 10%).
     */
    static final double UPDATED_PROGRESS = 0.25;

    /** A slow step with a fresh coarse matrix refines it when it was a full step or damped below this α. */
    static final double REFINE_BELOW = 0.25;

    /**
     * Coarse Newton matrices are refined up to this many times (each doubling the RK4 steps) after
     * steps that made less than {@link #SLOW_PROGRESS} of their progress or failed.
     */
    static final int COARSE_REFINEMENTS = 2;

    /**
     * Slow steps with fresh coarse matrices (other than those that refined the matrix) that a
     * solve tolerates before it switches to exact Jacobians (a failed one with the finest matrix
     * switches at once). They include the damped steps far from the solution (up to 3 per pair
     * at d = 20 on the benchmark's network metric), hence more than the 4 slow steps with the
     * finest matrix that were tolerated before.
     */
    static final int SLOW_COARSE = 8;

    /**
     * Halvings of the line search along a step of a matrix that is not fresh (a warm start's carried
     * Jacobian or a Broyden-updated one): a direction that needs α below 2^−this is a poor one, and
     * the failed step is retried with a fresh matrix (Dennis &amp; Schnabel 1983, §8.3: restart
     * Broyden's method with a new Jacobian when it stops producing descent) instead of shooting up to
     * {@link Shooting.Options#maxHalvings()} more times.
     */
    static final int STALE_HALVINGS = 2;

    private NewtonPolicy() {
    }
}
