package geo.runtime.manifold;

/**
 * A space whose distances come from a discretised solver, so that they can be recomputed more
 * accurately: a trainer solves with a cheap resolution during training and evaluates its final
 * distances on finer ones until the reported metrics stop changing (Trainer in learn.embed).
 * Closed-form spaces do not implement this: their distances are exact to rounding.
 */
public interface RefinableSpace extends EmbeddingSpace {

    /**
     * The same space and θ with 2^level times this space's resolution (level ≥ 1): a new
     * instance with state of its own, seeded with this space's per-pair solver state where it has
     * any (so that a refined solve follows the same geodesic).
     */
    RefinableSpace refined(int level);

    /** How this space solves a distance, e.g. "RK4 × 64", for reports. */
    String resolution();

    /**
     * d_M of {@code pair} solved from a first guess that is not the straight line (for a pair that
     * failed from it): a path-based guess, then the solver at this resolution with its minimality
     * check, ignoring and leaving alone any warm start: the solve's outcome, or
     * {@link PairDistance.Status#NO_GUESS} when the space has no such guess (the default) or could
     * not make one for this pair.
     */
    default PairDistance distanceFromPath(int pair, double[] x, double[] y, double[] theta) {
        return PairDistance.failed(PairDistance.Status.NO_GUESS, name() + " has no path guess");
    }
}
