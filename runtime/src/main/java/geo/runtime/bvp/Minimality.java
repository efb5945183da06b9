package geo.runtime.bvp;

/**
 * How far {@link Distances#log} and {@link Distances#distance} go to certify that the geodesic
 * they return is the shortest one (see {@link Certifier} for what "certified" means). Periodic
 * coordinates are reduced to the image of y nearest to x in every mode.
 */
public enum Minimality {
    /**
     * Trust the shot: CONVERGED says only that exp_x(v) reaches y (its nearest periodic image).
     * For callers that have their own guarantee; never the default.
     */
    NONE,
    /**
     * The default: the geodesic to the nearest image of y is checked for conjugate points on
     * (0, 1); when it has one, or does not converge, the other images (k ∈ {−1, 0, 1} per periodic
     * coordinate) are solved, and, when the nearest image's geodesic had a conjugate point and no
     * image gave a certified one, Newton's method is restarted from the guesses of a path-energy
     * minimisation ({@link PathSearch}); the shortest certified geodesic is kept. When none is
     * certified the status is {@link LogStatus#NOT_MINIMAL} (or the nearest image's failure).
     */
    CONJUGATE_POINTS,
    /**
     * As {@link #CONJUGATE_POINTS}, except that a solve that converges from its warm start is not
     * checked again: the warm start is the logarithm of a nearby problem that was certified (the
     * same pair before an optimiser step; {@code ModelSpace} caches only certified solves), and
     * conjugate points move continuously with x, y and θ. A conjugate point can still enter
     * (0, 1) through t = 1 over many small steps unnoticed, so this is a trade of rigour for
     * speed, made by {@code ModelSpace.Options.TRAINING}, where checking every warm solve would
     * cost several times the solve itself; the final distances of a training run are solved cold
     * and checked.
     */
    TRUST_WARM_STARTS,
    /**
     * As {@link #CONJUGATE_POINTS}, but every neighbouring image is always solved and the
     * shortest certified geodesic kept (3^p solves for p periodic coordinates).
     */
    ALL_IMAGES
}
