package geo.runtime.transport;

/** How a transport solve ended. */
public enum OtStatus {
    /** Exact solver: the plan is optimal, certified by dual potentials (u_i + v_j ≤ C_ij, equality on the support). */
    OPTIMAL,
    /** Entropic solver: the marginal error reached the tolerance. */
    CONVERGED,
    /** The iteration limit was reached first; the result is the last iterate, and not certified. */
    ITERATION_LIMIT,
    /** A non-finite value appeared, or the problem is infeasible (unequal masses); the result is not usable. */
    FAILED
}
