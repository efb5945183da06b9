package geo.runtime.transport;

/**
 * Settings of the entropic solver {@link Sinkhorn}.
 *
 * <p>The regularisation ε is absolute, or relative to the cost scale max|C_ij| when
 * {@code relativeEpsilon} holds (a cost matrix of zeros has scale 1). ε-scaling starts at
 * ε₀ = the cost scale and multiplies ε by {@code scalingFactor} per stage until it reaches the
 * target ε (the ε-scaling heuristic of Schmitzer, "Stabilized sparse scaling algorithms for entropy
 * regularized transport problems", SIAM J. Sci. Comput. 41, 2019; Feydy's geomloss uses one
 * iteration per stage, as here); a factor of 1 turns ε-scaling off (the iteration starts at the target ε).
 *
 * @param epsilon         ε &gt; 0, absolute or relative to the cost scale
 * @param relativeEpsilon whether ε is relative to max|C_ij|
 * @param tolerance       the iteration stops as converged when the marginal error
 *                        ‖π1 − a‖₁ + ‖πᵀ1 − b‖₁ is at most this, &gt; 0 (absolute, in units of mass)
 * @param maxIterations   the most iterations (each one update of f and one of g, ε-scaling stages
 *                        included), ≥ 1
 * @param scalingFactor   the ratio of consecutive ε stages, in (0, 1]; 1 means no ε-scaling
 * @param threads         worker threads for the row and column updates, ≥ 1; results do not depend
 *                        on it
 */
public record SinkhornOptions(double epsilon, boolean relativeEpsilon, double tolerance, int maxIterations,
                              double scalingFactor, int threads) {

    /** {@link #epsilon()} by default: 10⁻² of the cost scale (also the CLI's default of {@code --eps}). */
    public static final double EPSILON = 1e-2;
    /** {@link #tolerance()} by default: 10⁻⁹ on the L1 marginal error. */
    public static final double TOLERANCE = 1e-9;
    /** {@link #maxIterations()} by default. */
    public static final int MAX_ITERATIONS = 100_000;
    /** {@link #scalingFactor()} by default: ε halves per stage (geomloss's default). */
    public static final double SCALING_FACTOR = 0.5;
    /** {@link #threads()} by default. */
    public static final int THREADS = 1;

    /** The defaults: ε = 10⁻² max|C|, tolerance 10⁻⁹, 100,000 iterations, ε-scaling by ½, one thread. */
    public static final SinkhornOptions DEFAULTS = new SinkhornOptions(EPSILON, true, TOLERANCE, MAX_ITERATIONS,
            SCALING_FACTOR, THREADS);

    /** @throws IllegalArgumentException when a field is out of its range (the message names it) */
    public SinkhornOptions {
        if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the entropic regularisation epsilon must be positive and finite, got "
                    + epsilon);
        }
        if (!(tolerance > 0 && tolerance < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the marginal tolerance must be positive and finite, got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be ≥ 1, got " + maxIterations);
        }
        if (!(scalingFactor > 0 && scalingFactor <= 1)) {
            throw new IllegalArgumentException("the epsilon-scaling factor must be in (0, 1], got " + scalingFactor);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
    }

    /** The absolute ε for a cost matrix of scale {@code scale} = max|C_ij| (a zero scale counts as 1). */
    public double absoluteEpsilon(double scale) {
        return relativeEpsilon ? epsilon * (scale > 0 ? scale : 1) : epsilon;
    }

    /** These settings with {@link #epsilon()} replaced. */
    public SinkhornOptions withEpsilon(double value) {
        return new SinkhornOptions(value, relativeEpsilon, tolerance, maxIterations, scalingFactor, threads);
    }

    /** These settings with {@link #relativeEpsilon()} replaced. */
    public SinkhornOptions withRelativeEpsilon(boolean value) {
        return new SinkhornOptions(epsilon, value, tolerance, maxIterations, scalingFactor, threads);
    }

    /** These settings with {@link #tolerance()} replaced. */
    public SinkhornOptions withTolerance(double value) {
        return new SinkhornOptions(epsilon, relativeEpsilon, value, maxIterations, scalingFactor, threads);
    }

    /** These settings with {@link #maxIterations()} replaced. */
    public SinkhornOptions withMaxIterations(int value) {
        return new SinkhornOptions(epsilon, relativeEpsilon, tolerance, value, scalingFactor, threads);
    }

    /** These settings with {@link #scalingFactor()} replaced. */
    public SinkhornOptions withScalingFactor(double value) {
        return new SinkhornOptions(epsilon, relativeEpsilon, tolerance, maxIterations, value, threads);
    }

    /** These settings with {@link #threads()} replaced. */
    public SinkhornOptions withThreads(int value) {
        return new SinkhornOptions(epsilon, relativeEpsilon, tolerance, maxIterations, scalingFactor, value);
    }
}
