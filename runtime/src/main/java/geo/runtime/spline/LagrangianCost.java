package geo.runtime.spline;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.Objective;
import geo.runtime.optim.OptimResult;
import java.util.Arrays;

/**
 * The Lagrangian cost c(x, y; θ) = min over spline paths γ with γ(0) = x, γ(1) = y of
 * S[γ] = ∫₀¹ L(t, γ, γ'; θ) dt, minimised by L-BFGS over the free parameters z of
 * {@link SplineAction}, and its gradients by the envelope theorem: at the optimum ∂S/∂z = 0, so
 * <pre>
 *   ∂c/∂x = ∂S/∂x (z*),   ∂c/∂y = ∂S/∂y (z*),   ∂c/∂θ = ∂S/∂θ (z*) = ∫₀¹ ∂L/∂θ dt,
 * </pre>
 * the partial derivatives with z held fixed (through the fixed-end part s x + e y of the
 * parametrisation). These are the derivatives of the discrete cost up to an error proportional
 * to the residual ‖∂S/∂w‖ at the returned point, which the optimiser's gradient tolerance bounds.
 *
 * <p>L-BFGS runs in the preconditioned variables w = Lᵀz of {@code KineticPreconditioner}
 * (K = LLᵀ the Hessian of the flat kinetic action), where the action's Hessian does not grow with
 * E; the gradient tolerance applies to ‖∂S/∂w‖∞.
 *
 * <p>For a metric, L = ½ vᵀg(x)v and a constant-speed geodesic minimises S on [0, 1], so
 * c = ½ d(x, y)² and d = √(2c) ({@link Result#metricDistance()}). The minimum found is a local one:
 * start from a path in the right homotopy class (a warm start) when that matters.
 *
 * <p>Not thread-safe (it owns a kernel instance and workspaces): use one per thread.
 */
public final class LagrangianCost {

    /**
     * How paths are discretised and optimised.
     *
     * @param segments        E, the spline segments
     * @param nodesPerSegment n, the Gauss–Legendre nodes per segment (exact to degree 2n − 1)
     * @param optimizer       the L-BFGS settings (its gradient tolerance applies to ‖∂S/∂w‖∞, w the
     *                        preconditioned variables)
     */
    public record Options(int segments, int nodesPerSegment, Lbfgs.Settings optimizer) {

        /**
         * E = 16, n = 4, and L-BFGS stopping only on ‖∂S/∂w‖∞ ≤ 1e-10 (the relative-decrease test is
         * off, so convergence always certifies the gradient the envelope theorem relies on), with at
         * most 2000 iterations and 20000 evaluations.
         */
        public static Options defaults() {
            return new Options(16, 4, Lbfgs.Settings.defaults().withGradientTolerance(1e-10).withRelativeTolerance(0)
                    .withMaxIterations(2000).withMaxEvaluations(20000));
        }

        public Options withSegments(int e) {
            return new Options(e, nodesPerSegment, optimizer);
        }

        public Options withNodesPerSegment(int n) {
            return new Options(segments, n, optimizer);
        }

        public Options withOptimizer(Lbfgs.Settings settings) {
            return new Options(segments, nodesPerSegment, settings);
        }
    }

    /**
     * A solved cost.
     *
     * @param cost         c(x, y; θ), the minimal action found
     * @param gradStart    ∂c/∂x, length d
     * @param gradEnd      ∂c/∂y, length d
     * @param gradTheta    ∂c/∂θ, length P
     * @param path         the minimising path (use it as the next warm start)
     * @param optimisation the L-BFGS run; when it did not converge, the values above belong to the
     *                     best path found, not a minimiser
     */
    public record Result(double cost, double[] gradStart, double[] gradEnd, double[] gradTheta, SplinePath path,
                         OptimResult optimisation) {

        /** True when the optimiser converged. */
        public boolean converged() {
            return optimisation.converged();
        }

        /**
         * This result if it converged.
         *
         * @throws IllegalStateException saying why otherwise
         */
        public Result requireConverged() {
            if (!converged()) {
                throw new IllegalStateException("the spline action was not minimised: " + optimisation.status() + ": "
                        + optimisation.message());
            }
            return this;
        }

        /** √(2c): the geodesic distance, when L is the kinetic energy ½ vᵀg v of a metric. */
        public double metricDistance() {
            return Math.sqrt(2 * cost);
        }
    }

    private final SplineAction action;
    private final Options options;
    private final Lbfgs lbfgs;
    private final KineticPreconditioner preconditioner;
    private final double[] z;
    private final double[] gz;
    private final Objective preconditioned;

    /** @param lagrangian the model; this instance is used exclusively by the cost */
    public LagrangianCost(LagrangianKernels lagrangian, Options options) {
        this.action = new SplineAction(lagrangian, options.segments(), options.nodesPerSegment());
        this.options = options;
        this.lbfgs = new Lbfgs(options.optimizer());
        this.preconditioner = new KineticPreconditioner(action.basis());
        this.z = new double[action.freeCount()];
        this.gz = new double[action.freeCount()];
        this.preconditioned = (w, gw) -> {
            preconditioner.toFree(w, z);
            double s = action.valueAndGradient(z, gz);
            if (Double.isFinite(s)) {
                preconditioner.pullGradient(gz, gw);
            } else {
                Arrays.fill(gw, Double.NaN);
            }
            return s;
        };
    }

    public LagrangianCost(LagrangianKernels lagrangian) {
        this(lagrangian, Options.defaults());
    }

    public Options options() {
        return options;
    }

    /** The action this cost minimises (its current ends and θ are those of the last solve). */
    public SplineAction action() {
        return action;
    }

    /** c(x, y; θ) from the straight line x → y. The arrays are read, not kept. */
    public Result solve(double[] x, double[] y, double[] theta) {
        return solve(x, y, theta, SplinePath.straight(x, y, options.segments()));
    }

    /**
     * c(x, y; θ) from a warm start: {@code start} is resampled to E segments if needed and moved to
     * the ends x, y ({@link SplinePath#withEnds}), so a previous solution for nearby ends or θ can
     * be passed directly. The arrays are read, not kept.
     */
    public Result solve(double[] x, double[] y, double[] theta, SplinePath start) {
        action.setProblem(x, y, theta);
        double[] w = new double[action.freeCount()];
        preconditioner.fromFree(start.resampled(options.segments()).withEnds(x, y).freeParameters(), w);
        OptimResult run = lbfgs.minimize(preconditioned, w);
        preconditioner.toFree(w, z);
        int d = action.dimension();
        double[] gradStart = new double[d];
        double[] gradEnd = new double[d];
        double[] gradTheta = new double[action.parameterCount()];
        double cost = action.evaluate(z, null, gradStart, gradEnd, gradTheta);
        return new Result(cost, gradStart, gradEnd, gradTheta, action.path(z), run);
    }
}
