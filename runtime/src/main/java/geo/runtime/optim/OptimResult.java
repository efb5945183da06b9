package geo.runtime.optim;

/**
 * The outcome of an optimisation run. The point itself is in the caller's array, which always
 * holds the last point the run accepted (the start, if none was): a finite point, and for L-BFGS
 * the lowest value found up to f's rounding error (every accepted step decreases f).
 *
 * @param status       why the run stopped
 * @param value        f at the returned point
 * @param gradientNorm ‖∇f‖∞ at the returned point
 * @param iterations   the number of accepted steps
 * @param evaluations  the number of calls of {@link Objective#valueAndGradient}
 * @param message      a one-line explanation of the status, for error messages and logs
 */
public record OptimResult(Status status, double value, double gradientNorm, int iterations, int evaluations,
                          String message) {

    /** True when the run converged. */
    public boolean converged() {
        return status.converged();
    }

    /**
     * This result if it converged.
     *
     * @throws IllegalStateException with the message otherwise
     */
    public OptimResult requireConverged() {
        if (!converged()) {
            throw new IllegalStateException("optimisation did not converge: " + status + ": " + message);
        }
        return this;
    }
}
