package geo.runtime.transport;

/**
 * The result of an exact transport solve.
 *
 * @param status     {@link OtStatus#OPTIMAL} when certified; otherwise what went wrong
 * @param cost       Σ π_ij C_ij
 * @param plan       the plan π
 * @param u          source potentials (length n)
 * @param v          target potentials (length m), with u_i + v_j ≤ C_ij and equality where π_ij &gt; 0
 * @param assignment for the assignment solver, the target of each source row in order; empty otherwise
 * @param iterations augmentations (assignment) or pivots (network simplex)
 */
public record ExactResult(OtStatus status, double cost, TransportPlan plan, double[] u, double[] v, int[] assignment,
                          int iterations) {
}
