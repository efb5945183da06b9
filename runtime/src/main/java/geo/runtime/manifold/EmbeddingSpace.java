package geo.runtime.manifold;

/**
 * A space that points are embedded in: the distance between two embedded points and its
 * gradients, and the projection back into the space after a step. What more a space can do is a
 * capability interface of its own: {@link RiemannianSpace} (Riemannian gradient, exponential map,
 * parallel transport) and {@link WarmStartedSpace} (per-pair solver state to forget).
 * Closed-form spaces (Euclidean, Poincaré ball, Lorentz, sphere) and compiled
 * {@code .geo} metrics (distances by the runtime's solvers) implement it, so one training loop
 * serves all of them.
 *
 * <p>An instance may own scratch arrays and solver state: it is used by one thread at a time.
 * {@link #forThread()} gives another instance for another worker thread; instances made from the
 * same original may share read-mostly state such as a warm-start cache indexed by pair, where
 * each pair's slot is touched by one thread per epoch.
 */
public interface EmbeddingSpace {

    /** A short name for tables and messages ({@code euclidean}, {@code poincare}, or the model's name). */
    String name();

    /** Coordinates per embedded point. */
    int dimension();

    /** Length of the space's own parameter vector θ (0 for closed-form spaces). */
    int parameterCount();

    /** The initial θ (a new array of length {@link #parameterCount()}). */
    double[] initialParameters();

    /**
     * The initial θ drawn with {@code seed} (a new array), for spaces whose parameters have random
     * initialisers; by default {@link #initialParameters()}, which no seed changes.
     */
    default double[] initialParameters(long seed) {
        return initialParameters();
    }

    /**
     * d(x, y) and its gradients: {@code gx} = ∂d/∂x and {@code gy} = ∂d/∂y (length
     * {@link #dimension()}), {@code gTheta} = ∂d/∂θ (length {@link #parameterCount()}), all three
     * overwritten when the outcome is {@link PairDistance.Status#OK}; x, y and θ are read only.
     * An OK outcome has a finite value and finite gradients. A failure (a solver did not converge,
     * the geodesic is not minimal, a point is outside the domain, a value is not finite: its
     * {@link PairDistance#status()} and {@link PairDistance#reason()} say which) carries no value,
     * and the gradient arrays may then hold anything: the caller skips the pair.
     *
     * @param pair  a stable index of the pair (x, y) in the caller's list of pairs, so a solver
     *              can warm-start from the previous solve of the same pair
     * @return the distance, or why it could not be computed
     */
    PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy, double[] gTheta);

    /**
     * d(x, y) alone, as {@link #distance(int, double[], double[], double[], double[], double[], double[])}
     * without the gradients (a space whose gradients cost extra work overrides this to skip it).
     *
     * @return the distance, or why it could not be computed
     */
    default PairDistance distance(int pair, double[] x, double[] y, double[] theta) {
        return distance(pair, x, y, theta, new double[dimension()], new double[dimension()],
                new double[parameterCount()]);
    }

    /**
     * Announces the pairs the caller is about to ask {@link #distance} for, in this order, so that
     * a space that solves its distances can solve them together (a compiled metric: the
     * logarithms of a batch in one vectorised exponential map a round, {@code ModelSpace}); each
     * pair's {@link #distance} call then finishes, checks and differentiates its own solve as
     * without this call. By default nothing (closed forms, and spaces without batch solvers), so
     * calling it never changes a closed form's numbers. A call that is not followed by the
     * announced pairs' distances costs time only.
     *
     * @param n     pairs announced
     * @param pairs their stable indices (as {@link #distance}'s {@code pair})
     * @param x     their first points, pair b's at [b·dim, (b+1)·dim) (read)
     * @param y     their second points, same layout (read)
     */
    default void prepare(int n, int[] pairs, double[] x, double[] y, double[] theta) {
    }

    /**
     * The most pairs {@link #prepare} would like announced at once (a batch solver's rounds get
     * cheaper per pair the wider they are); 1, the default, for a space that does nothing with them.
     */
    default int preparedWidth() {
        return 1;
    }

    /**
     * Moves {@code x} (modified in place) back into the space after an optimiser step, e.g. inside
     * the open ball or onto the sphere; a no-op for spaces that are all of Rᵈ.
     */
    void project(double[] x);

    /** An instance for another worker thread (may share warm-start caches with this one). */
    EmbeddingSpace forThread();
}
