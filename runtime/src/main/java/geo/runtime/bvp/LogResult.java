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

    /**
     * Why this is not a logarithm, for messages: "the logarithm did not converge: ..." or, for
     * {@link LogStatus#NOT_MINIMAL}, "no geodesic was certified to be the shortest: ...".
     */
    public String failure() {
        return (status == LogStatus.NOT_MINIMAL ? "no geodesic was certified to be the shortest: "
                : "the logarithm did not converge: ") + this;
    }

    @Override
    public String toString() {
        return status + " after " + iterations + " iterations, residual " + residual
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
