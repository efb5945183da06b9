package geo.runtime.bvp;

/**
 * The outcome of log_x(y): its status, the number of Newton iterations and the final endpoint
 * residual ‖exp_x(v) − y‖ (Euclidean, in coordinates). When the status is not
 * {@link LogStatus#CONVERGED} the velocity the solver left in the caller's array is the best
 * iterate, not a logarithm.
 */
public record LogResult(LogStatus status, int iterations, double residual, String detail) {

    public boolean converged() {
        return status.converged();
    }

    @Override
    public String toString() {
        return status + " after " + iterations + " iterations, residual " + residual
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
