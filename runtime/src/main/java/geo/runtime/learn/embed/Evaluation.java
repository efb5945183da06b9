package geo.runtime.learn.embed;

/**
 * How the reported metrics' distances were computed ({@link FinalDistances}): by the training
 * solver itself (a closed-form space: exact to rounding), or, for a space whose distances come
 * from a discretised solver, on the coarsest mesh whose distances a sample of pairs showed to be
 * within {@link #TOLERANCE} (relative, estimated from the next finer mesh's), with the pairs that
 * decide the worst case checked once more on that finer mesh after the full pass.
 *
 * @param training      the training resolution ("RK4 × 16"), empty for a closed-form space
 * @param reported      the resolution of the reported distances, empty for a closed-form space
 * @param refinements   how many times the training resolution was doubled for the reported one (0: the
 *                      training mesh itself was accurate enough)
 * @param settled       whether both checks held: the sample's and the extreme pairs' largest estimated
 *                      relative error is at most {@link #TOLERANCE} (true when exact)
 * @param sampledPairs  the pairs the mesh was settled on: a seeded random sample plus the pairs with
 *                      the largest and smallest ratio d_M/d_G at the training mesh (0 when exact)
 * @param sampleError   the largest estimated relative error over the sample of the reported mesh's
 *                      distances: 16/15 of the largest |d_fine − d|/d_fine to the next finer mesh
 *                      (Richardson for RK4's O(h⁴) error; 0 when exact)
 * @param checkError    the same over the pairs that decide the worst case among the final distances,
 *                      solved again on the next finer mesh after the full pass (0 when exact)
 * @param freshShorter  pairs whose solve afresh (no warm start) found a shorter geodesic than their warm
 *                      start followed, at the training mesh; their fresh solution is kept
 * @param retried       pairs that failed in the full pass and were solved again, cold, on a finer mesh
 * @param recovered     how many of those the retry solved (the others are the reported failed pairs)
 * @param seconds       wall-clock time of the whole final evaluation
 * @param cpuSeconds    CPU time of the worker threads in its distance solves (on a loaded machine the
 *                      wall-clock time overstates the cost; this does not)
 */
public record Evaluation(String training, String reported, int refinements, boolean settled, int sampledPairs,
                         double sampleError, double checkError, int freshShorter, int retried, int recovered,
                         double seconds, double cpuSeconds) {

    /** Decimals of the metrics the reports print and the mesh is chosen for. */
    public static final int DIGITS = 4;

    /**
     * The largest estimated relative error of a reported distance that counts as settled,
     * 10^−(DIGITS + 1): a worst-case distortion (a product of two ratios) is then within about
     * 2·10⁻⁵ of itself, below the last printed decimal for values up to 5.
     */
    public static final double TOLERANCE = 1e-5;

    /** Distances of a closed-form space. */
    static Evaluation exact() {
        return new Evaluation("", "", 0, true, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Whether the distances were exact (a closed-form space), not computed by a discretised solver. */
    public boolean exactSpace() {
        return reported.isEmpty();
    }
}
