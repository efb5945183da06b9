package geo.runtime.optim;

/** Why an optimisation run stopped. Only {@link #CONVERGED} means the answer met the tolerances. */
public enum Status {
    /** A convergence test passed (gradient norm or relative decrease; the result's message says which). */
    CONVERGED,
    /** The iteration limit was reached before any convergence test passed. */
    MAX_ITERATIONS,
    /** The limit on objective evaluations was reached before any convergence test passed. */
    MAX_EVALUATIONS,
    /** The line search found no step satisfying the strong Wolfe conditions, even along −∇f. */
    LINE_SEARCH_FAILED,
    /** The objective or its gradient was NaN or infinite where a finite value was needed. */
    NON_FINITE;

    /** True for {@link #CONVERGED} only. */
    public boolean converged() {
        return this == CONVERGED;
    }
}
