package geo.runtime.transport.cost;

/**
 * A ground cost c(x, y; θ) between a source point x and a target point y in Rᵈ, with its
 * gradients. An instance owns solver state (kernel instances, scratch arrays, the last solution
 * for warm starts): it is not thread-safe; {@link #forThread()} makes another one for another
 * thread. {@link CostMatrices} calls one instance per worker, row by row.
 */
public interface PairCost {

    /** What the cost is, for messages and reports (e.g. "squared geodesic distance of PoincareBall"). */
    String description();

    /** The dimension d of the points. */
    int dimension();

    /** The length P of θ (0 when the cost has no parameters). */
    int parameterCount();

    /**
     * c(x, y; θ).
     *
     * @param continueRow true when the previous call of this instance was the neighbouring entry
     *                    (same x, the previous y) of the same row: its solution may then serve as a
     *                    warm start. The value does not depend on it beyond the solver's tolerance.
     */
    EntryResult cost(double[] x, double[] y, double[] theta, boolean continueRow);

    /**
     * c(x, y; θ) and its gradients ∂c/∂x, ∂c/∂y (length d) and ∂c/∂θ (length P), all overwritten;
     * their contents are unspecified when the result is not OK.
     */
    EntryResult gradient(double[] x, double[] y, double[] theta, double[] gx, double[] gy, double[] gTheta);

    /** The minimising path (geodesic, spline path, segment) from x to y, sampled at n ≥ 2 times. */
    PathResult path(double[] x, double[] y, double[] theta, int n);

    /** A new instance with its own state, for another thread. */
    PairCost forThread();
}
