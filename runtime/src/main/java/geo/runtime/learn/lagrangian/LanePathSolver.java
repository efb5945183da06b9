package geo.runtime.learn.lagrangian;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.Objective;
import geo.runtime.optim.OptimResult;

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

    LanePathSolver(LagrangianKernels lagrangian, PathSolver.Options options) {
        this.options = options;
        this.action = new LaneAction(lagrangian, options, 1);
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
        chain.toW(q, w);
        OptimResult r = lbfgs.minimize(preconditioned, w);
        chain.toQ(w, q);
        return r;
    }

    PathSolver.Options options() {
        return options;
    }
}
