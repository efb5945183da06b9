package geo.runtime.optim;

/**
 * A first-order optimiser that learning loops drive one step at a time: each call moves the
 * parameters against the given gradient and updates the optimiser's own state (moments).
 * {@link Adam} on a flat vector and {@link RiemannianAdam} on points of a manifold implement it,
 * so a loop holds one {@code StepOptimiser} per parameter block whatever the geometry. On a
 * deterministic objective every step optimiser is also a {@link Minimizer}
 * ({@link #minimizer}), the interface {@link Lbfgs} implements: one interface for all three.
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

    /**
     * Runs this optimiser on a deterministic objective until ‖∇f‖∞ ≤ {@code gradientTolerance} or
     * {@code maxIterations} steps. A first-order optimiser with a fixed learning rate does not
     * converge to high accuracy; this loop is for tests and small problems, learning loops call
     * {@link #step} directly.
     *
     * @param x the start on entry, the last finite iterate on return (modified)
     */
    default OptimResult minimize(Objective f, double[] x, int maxIterations, double gradientTolerance) {
        double[] grad = new double[x.length];
        double[] previous = x.clone();
        int evaluations = 0;
        for (int k = 0; ; k++) {
            double fx = f.valueAndGradient(x, grad);
            evaluations++;
            double gInf = Lbfgs.normInf(grad);
            if (!Double.isFinite(fx) || !Double.isFinite(gInf)) {
                System.arraycopy(previous, 0, x, 0, x.length);
                return new OptimResult(Status.NON_FINITE, fx, gInf, k, evaluations,
                        "the objective or its gradient is not finite after " + k + " steps (f = " + fx
                                + "); x is the last finite iterate");
            }
            if (gInf <= gradientTolerance) {
                return new OptimResult(Status.CONVERGED, fx, gInf, k, evaluations,
                        "‖∇f‖∞ = " + gInf + " ≤ " + gradientTolerance);
            }
            if (k >= maxIterations) {
                return new OptimResult(Status.MAX_ITERATIONS, fx, gInf, k, evaluations,
                        "reached " + k + " iterations with ‖∇f‖∞ = " + gInf);
            }
            System.arraycopy(x, 0, previous, 0, x.length);
            step(x, grad);
        }
    }

    /** {@link #minimize(Objective, double[], int, double)} with these limits, as a {@link Minimizer}. */
    default Minimizer minimizer(int maxIterations, double gradientTolerance) {
        return (f, x) -> minimize(f, x, maxIterations, gradientTolerance);
    }
}
