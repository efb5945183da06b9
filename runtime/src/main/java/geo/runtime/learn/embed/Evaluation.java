package geo.runtime.learn.embed;

/**
 * How the reported metrics' distances were computed ({@link FinalDistances}): by the training
 * solver itself (a closed-form space: exact to rounding), or, for a space whose distances come
 * from a discretised solver, to the accuracy the printed metrics need ({@link PrintedDigits}): every
 * pair on the coarsest mesh whose estimated effect on the average distortion is within its
 * tolerance, and the pairs that can change the worst-case distortion or the mean average precision
 * on finer meshes until they cannot any more.
 *
 * @param training       the training resolution ("RK4 × 16"), empty for a closed-form space
 * @param reported       the resolution of the full pass (every pair), empty for a closed-form space
 * @param refinements    how many times the training resolution was doubled for the full pass (0: the
 *                       training mesh itself was accurate enough)
 * @param settled        whether every estimated bound held: the average distortion's within
 *                       {@link PrintedDigits#AVERAGE_TOLERANCE}, the worst case's within
 *                       {@link PrintedDigits#WORST_CASE_TOLERANCE}, and no order the MAP depends on
 *                       left undecided (true when exact)
 * @param sampledPairs   the pairs the errors were estimated on: a seeded random sample plus the pairs
 *                       with the largest and smallest ratio d_M/d_G at the training mesh (0 when exact)
 * @param sampleError    the largest estimated relative error over the sample of the full pass's
 *                       mesh: 16/15 of the largest |d_fine − d|/d_fine to the next finer mesh
 *                       (Richardson for RK4's O(h⁴) error; 0 when exact; +∞ when no sampled pair was
 *                       solved on both meshes: no estimate, and then the refinement assumes no error
 *                       outside the pairs it solves)
 * @param averageBound   the estimated bound on the change of the average distortion (0 when exact; +∞,
 *                       unbounded, when no sampled pair gave an estimate)
 * @param worstCaseBound the estimated bound on the change of the worst-case distortion (0 when exact; +∞
 *                       when no pair's distance was computed)
 * @param refinedPairs   pairs solved on finer meshes than the full pass's because they can change the
 *                       worst case or the MAP
 * @param refinedMesh    the finest mesh those were solved on (empty when none)
 * @param undecided      orders (node, neighbour, non-neighbour) the MAP depends on that the finest
 *                       mesh's errors still leave undecided
 * @param freshShorter   pairs whose solve afresh (no warm start) found a shorter geodesic than their warm
 *                       start followed, at the training mesh; their fresh solution is kept
 * @param retried        pairs that failed in the full pass and were solved again, cold, on a finer mesh
 * @param recovered      how many of those the retries solved (the others are the reported failed pairs)
 * @param fromPath       how many of those were solved only from a path-based first guess, after the cold
 *                       retry on the finer mesh had failed too
 * @param seconds        wall-clock time of the whole final evaluation
 * @param cpuSeconds     CPU time of the worker threads in its distance solves (on a loaded machine the
 *                       wall-clock time overstates the cost; this does not)
 */
public record Evaluation(String training, String reported, int refinements, boolean settled, int sampledPairs,
                         double sampleError, double averageBound, double worstCaseBound, int refinedPairs,
                         String refinedMesh, long undecided, int freshShorter, int retried, int recovered, int fromPath,
                         double seconds, double cpuSeconds) {

    /** Decimals of the metrics the seed lines print (the results table prints fewer: {@link PrintedDigits}). */
    public static final int DIGITS = 4;

    /**
     * The relative error within which a fresh solve counts as the same geodesic as the warm-started
     * one (a shorter one by more is kept and counted in {@link #freshShorter}).
     */
    public static final double TOLERANCE = 1e-5;

    /** The largest estimated change of the worst-case distortion that counts as settled. */
    public static final double WORST_CASE_TOLERANCE = PrintedDigits.WORST_CASE_TOLERANCE;

    /** The largest estimated change of the average distortion that counts as settled. */
    public static final double AVERAGE_TOLERANCE = PrintedDigits.AVERAGE_TOLERANCE;

    /** Distances of a closed-form space. */
    static Evaluation exact() {
        return new Evaluation("", "", 0, true, 0, 0, 0, 0, 0, "", 0, 0, 0, 0, 0, 0, 0);
    }

    /** Whether the distances were exact (a closed-form space), not computed by a discretised solver. */
    public boolean exactSpace() {
        return reported.isEmpty();
    }
}
