package geo.runtime.learn.lagrangian;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.Objective;
import geo.runtime.optim.OptimResult;
import geo.runtime.optim.Status;

/**
 * {@link PathSolver#refine} with the action evaluated by {@link LaneAction} on one lane — the same
 * S_m and the same L-BFGS in the kinetic-preconditioned variables w = Lᵀq ({@link KineticChain}),
 * but the sub-points' spline in O(T) a pair instead of dense weights: the fastest per-pair solver
 * of a path (the benchmark's straight-line peer and the amortised paths' refinement). Not thread-safe.
 */
final class LanePathSolver {

    private final PathSolver.Options options;
    private final LaneAction action;
    private final Lbfgs lbfgs;
    private final KineticChain chain;
    private final Objective preconditioned;
    private final double[] w;
    private final double[][] lane = new double[1][];
    private final double[][] laneGrad = new double[1][];
    private final double[] value = new double[1];
    /** Newton first (null: L-BFGS only). */
    private final LaneNewton newton;
    private final int[] only = {0};
    private final double[][] xsOne = new double[1][];
    private final double[][] ysOne = new double[1][];
    private final double[][] one = new double[1][];
    private final double[][] oneGrad;
    private final double[] oneValue = new double[1];

    LanePathSolver(LagrangianKernels lagrangian, PathSolver.Options options) {
        this(lagrangian, options, null);
    }

    /**
     * @param acceleration the model's acceleration kernels for Newton's steps (L = ½|v|² + V, see
     *                     {@link LaneHessian#check}), or null for L-BFGS alone
     */
    LanePathSolver(LagrangianKernels lagrangian, PathSolver.Options options, AccelerationKernels acceleration) {
        this.options = options;
        this.action = new LaneAction(lagrangian, options, 1);
        this.newton = acceleration == null ? null : new LaneNewton(action, new LaneHessian(action, acceleration), 0,
                options.lbfgs().gradientTolerance(), NEWTON_ITERATIONS);
        this.oneGrad = new double[][] {new double[(options.samples() - 2) * 2]};
        this.lbfgs = new Lbfgs(options.lbfgs());
        this.chain = new KineticChain(options.samples() - 2, 2, false);
        Objective s = (q, gq) -> {
            lane[0] = q;
            laneGrad[0] = gq;
            action.evaluate(1, lane, value, laneGrad);
            return value[0];
        };
        this.preconditioned = chain.wrap(s);
        this.w = new double[(options.samples() - 2) * 2];
    }

    /** Sets the ends (kept by reference) and θ (copied) of the next solves. */
    void set(double[] x, double[] y, double[] theta) {
        xsOne[0] = x;
        ysOne[0] = y;
        action.setEnds(0, x, y);
        action.setTheta(theta);
    }

    /** The interior points of the straight line x → y, equally spaced (as {@code DiscreteAction.straight}). */
    static void straight(double[] x, double[] y, int samples, double[] q) {
        for (int k = 1; k < samples - 1; k++) {
            double t = (double) k / (samples - 1);
            for (int i = 0; i < 2; i++) {
                q[(k - 1) * 2 + i] = x[i] + t * (y[i] - x[i]);
            }
        }
    }

    /** Minimises S from q (modified: the last accepted point), as {@link PathSolver#refine}. */
    OptimResult refine(double[] q) {
        int newtonEvaluations = 0;
        if (newton != null) {
            one[0] = q;
            LaneNewton.Outcome out = newton.run(only, xsOne, ysOne, one, oneValue, oneGrad);
            newtonEvaluations = (int) out.evaluations();
            if (out.status()[0].finished()) {
                return new OptimResult(Status.CONVERGED, oneValue[0], Double.NaN, (int) out.totalSteps(), newtonEvaluations,
                        "Newton");
            }
        }
        chain.toW(q, w);
        OptimResult r = lbfgs.minimize(preconditioned, w);
        chain.toQ(w, q);
        return newtonEvaluations == 0 ? r : new OptimResult(r.status(), r.value(), r.gradientNorm(), r.iterations(),
                r.evaluations() + newtonEvaluations, r.message());
    }

    /** The most Newton steps of a solve before L-BFGS takes over. */
    static final int NEWTON_ITERATIONS = 50;

    PathSolver.Options options() {
        return options;
    }
}
