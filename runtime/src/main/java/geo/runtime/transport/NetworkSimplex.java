package geo.runtime.transport;

/**
 * Exact optimal transport between discrete measures with general non-negative weights: the
 * transportation problem min Σ_ij π_ij C_ij over π ≥ 0 with Σ_j π_ij = a_i and Σ_i π_ij = b_j,
 * solved by the primal network simplex method on the complete bipartite graph.
 *
 * <p><b>Algorithm.</b> The network simplex of LEMON as used by POT's {@code ot.emd} (N. Bonneel,
 * M. van de Panne, S. Paris, W. Heidrich, "Displacement interpolation using Lagrangian mass
 * transport", ACM Trans. Graph. 30 (2011) 158; P. Kovács, "Minimum-cost flow algorithms: an
 * experimental evaluation", Optim. Methods Softw. 30 (2015) 94–127): n source nodes with supply
 * a_i, m sink nodes with demand b_j, an arc i → j of cost C_ij and unbounded capacity for every
 * pair, and an artificial root joined to every node (source → root of cost 0, root → sink of cost
 * A = max C + max|C|, more than any direct arc, so an optimal plan sends nothing through the root).
 * The initial basis is the tree of artificial arcs. Node potentials π with reduced costs
 * r_ij = C_ij + π_i − π_j make every tree arc tight; the entering arc is the most negative reduced
 * cost within a block of ⌈√(nm)⌉ arcs scanned cyclically (block search pivot rule), the flow is
 * pushed around the cycle it closes in the tree, and the potentials of the subtree that is moved
 * are shifted. The returned duals are u_i = −π_i and v_j = π_j, so u_i + v_j ≤ C_ij.
 *
 * <p><b>Degeneracy and cycling.</b> Zero weights and ties make many basic arcs carry no flow. The
 * tree is kept <em>strongly feasible</em> (every zero-flow tree arc points away from the root; the
 * initial artificial tree is) by Cunningham's leaving-arc rule: among the blocking arcs of the
 * cycle, the last one met when the cycle is traversed in its orientation from the join node leaves
 * (W. H. Cunningham, "A network simplex method", Math. Programming 11 (1976) 105–116). With it the
 * method cannot cycle, and there is an iteration limit anyway ({@link #MAX_PIVOTS}, or the
 * argument of {@link #solve(CostMatrix, double[], double[], int)}); when it is reached the status is
 * {@link OtStatus#ITERATION_LIMIT} and the plan is the last basis, which may still route mass
 * through the root, so its marginals need not match a and b.
 *
 * <p><b>Certificate.</b> When no arc prices out, the potentials are recomputed from the tree from
 * scratch (removing rounding accumulated by the incremental updates), the tree flows are
 * recomputed from the supplies, and every arc is priced again; only if none has r_ij &lt; −τ is
 * the result checked and given the status {@link OtStatus#OPTIMAL}: reduced costs ≥ −τ for every
 * arc, |r_ij| ≤ τ on every entry of the plan, and the marginals of the plan within
 * |Σa − Σb| + {@value #MASS_TOLERANCE}·Σa of a and b, where τ = {@value #DUAL_TOLERANCE} · 2 max|C|
 * (2 if C = 0; the potentials are of the order of A ≤ 2 max|C|). The cost is then optimal to within
 * τ·Σa. A result that fails the check (it has not been seen to) has status {@link OtStatus#FAILED}.
 * The plan is sparse: the tree arcs with positive flow, at most n + m − 1. The potentials are
 * shifted so that min u = 0. {@code iterations} counts pivots. {@code assignment} is empty.
 *
 * <p>No argument is modified.
 */
public final class NetworkSimplex {

    /** Default limit on the number of pivots. */
    public static final int MAX_PIVOTS = 10_000_000;
    /** Relative tolerance of Σa = Σb. */
    public static final double MASS_BALANCE_TOLERANCE = Weights.MASS_TOLERANCE;
    /** τ relative to the cost and potential scale: pricing threshold and dual certificate tolerance. */
    public static final double DUAL_TOLERANCE = 1e-11;
    /** Relative tolerance of the plan's marginals, beyond the mass imbalance. */
    public static final double MASS_TOLERANCE = 1e-11;

    private NetworkSimplex() {
    }

    /** {@link #solve(CostMatrix, double[], double[], int)} with at most {@link #MAX_PIVOTS} pivots. */
    public static ExactResult solve(CostMatrix c, double[] a, double[] b) {
        return solve(c, a, b, MAX_PIVOTS);
    }

    /**
     * The optimal transport plan between weights a (length n, the rows of C) and b (length m, the
     * columns), at most {@code maxPivots} pivots.
     *
     * @throws IllegalArgumentException if a or b has the wrong length, a negative or non-finite
     *                                  entry, total mass zero, or Σa ≠ Σb beyond a relative
     *                                  {@value #MASS_BALANCE_TOLERANCE}; or if maxPivots &lt; 0
     */
    public static ExactResult solve(CostMatrix c, double[] a, double[] b, int maxPivots) {
        double[] masses = Weights.check(a, b, c.rows(), c.cols());
        double sa = masses[0];
        double sb = masses[1];
        if (maxPivots < 0) {
            throw new IllegalArgumentException("the pivot limit must be ≥ 0, got " + maxPivots);
        }
        if ((long) c.rows() * c.cols() + c.rows() + c.cols() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a " + c.rows() + " × " + c.cols() + " problem has too many arcs");
        }
        return new SpanningTree(c, a, b).run(maxPivots, Math.abs(sa - sb), Math.max(sa, sb));
    }
}
