package geo.runtime.optim;

/**
 * Minimises a deterministic objective from a start point: {@link Lbfgs}, and any
 * {@link StepOptimiser} (Adam, Riemannian Adam) through {@link StepOptimiser#minimizer}, so a
 * caller can swap the method without changing its code.
 */
@FunctionalInterface
public interface Minimizer {

    /**
     * Minimises f from x.
     *
     * @param x the start on entry; on return the last accepted finite point (modified)
     * @return the status (never CONVERGED for a run that did not), the value, the gradient norm
     *         and the counts
     */
    OptimResult minimize(Objective f, double[] x);
}
