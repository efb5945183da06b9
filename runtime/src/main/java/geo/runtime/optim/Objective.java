package geo.runtime.optim;

/** A differentiable objective f: Rⁿ → R as the optimisers see it. */
@FunctionalInterface
public interface Objective {

    /**
     * Evaluates f and its gradient.
     *
     * @param x       the point, length n (read only: implementations must not modify it)
     * @param gradOut receives ∇f(x), length n (overwritten)
     * @return f(x); a non-finite value (NaN or ±∞) tells the optimiser the point is unusable,
     *         in which case {@code gradOut} is ignored
     */
    double valueAndGradient(double[] x, double[] gradOut);
}
