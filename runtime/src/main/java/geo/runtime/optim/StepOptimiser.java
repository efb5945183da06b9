package geo.runtime.optim;

/**
 * A first-order optimiser that learning loops drive one step at a time: each call moves the
 * parameters against the given gradient and updates the optimiser's own state (moments).
 * {@link Adam} on a flat vector and {@link RiemannianAdam} on points of a manifold implement it,
 * so a loop holds one {@code StepOptimiser} per parameter block whatever the geometry.
 */
public interface StepOptimiser {

    /**
     * One step.
     *
     * @param x    the parameters (modified in place)
     * @param grad ∂E/∂x at x, in x's coordinates (read)
     * @return false, leaving x and the state untouched, when grad has a NaN or infinite entry
     */
    boolean step(double[] x, double[] grad);
}
