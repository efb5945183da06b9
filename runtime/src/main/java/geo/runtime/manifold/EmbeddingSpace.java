package geo.runtime.manifold;

import geo.runtime.manifold.closed.Euclidean;
import geo.runtime.manifold.closed.Lorentz;

/**
 * A space that graph nodes are embedded in: the distance between two embedded points and its
 * gradients. Closed-form spaces (Euclidean, Poincaré ball, Lorentz, sphere) and compiled
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
     * d(x, y) and its gradients, all overwritten: {@code gx} = ∂d/∂x and {@code gy} = ∂d/∂y
     * (length {@link #dimension()}), {@code gTheta} = ∂d/∂θ (length {@link #parameterCount()}).
     *
     * @param pair  a stable index of the pair (x, y) in the caller's list of pairs, so a solver
     *              can warm-start from the previous solve of the same pair
     * @return the distance, or NaN when it could not be computed (a solver did not converge);
     *         then the gradients are NaN too and the caller must skip the pair
     */
    double distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy, double[] gTheta);

    /**
     * Moves {@code x} (modified in place) back into the space after an optimiser step, e.g. inside
     * the open ball or onto the sphere; a no-op for spaces that are all of Rᵈ.
     */
    void project(double[] x);

    /** An instance for another worker thread (may share warm-start caches with this one). */
    EmbeddingSpace forThread();

    /**
     * Forgets any per-pair solver state (of every instance sharing it). A solver that follows each
     * pair's solution from its last one (warm starts) finds <em>a</em> geodesic, which after large
     * changes of the points or the metric need not be the shortest; the trainer therefore also
     * solves the final distances afresh and keeps the shorter. A no-op for spaces without such
     * state.
     *
     * @return whether the space keeps such state (false: its distances do not depend on history)
     */
    default boolean clearWarmStarts() {
        return false;
    }

    /**
     * Whether positions should be optimised by Riemannian Adam, with
     * {@link #riemannianGradient}, {@link #exponential} and {@link #transport}; false (the default)
     * means plain Adam on the coordinates followed by {@link #project}.
     */
    default boolean riemannian() {
        return false;
    }

    /**
     * Turns the coordinate gradient g = ∂E/∂x at x into the Riemannian gradient G(x)⁻¹ g, where G
     * is the metric in the coordinates positions are stored in.
     *
     * @param x the point (read)
     * @param g in: ∂E/∂x; out: G(x)⁻¹ ∂E/∂x
     * @return the squared Riemannian length of the result, gᵀ G(x)⁻¹ g
     */
    default double riemannianGradient(double[] x, double[] g) {
        throw new UnsupportedOperationException(name() + " has no Riemannian gradient");
    }

    /**
     * Moves x to exp_x(u), the end of the geodesic from x with initial velocity u at unit time, and
     * keeps it in the space ({@link #project}).
     *
     * @param x in: the start; out: the end point
     * @param u the velocity, in x's coordinates (read)
     */
    default void exponential(double[] x, double[] u) {
        throw new UnsupportedOperationException(name() + " has no exponential map");
    }

    /**
     * Parallel transport of the tangent vector w from x to y along the geodesic joining them, so
     * that an optimiser's momentum stays a tangent vector of the same length as the point moves.
     *
     * @param w in: a vector at x; out: the vector at y
     */
    default void transport(double[] x, double[] y, double[] w) {
        throw new UnsupportedOperationException(name() + " has no parallel transport");
    }
}
