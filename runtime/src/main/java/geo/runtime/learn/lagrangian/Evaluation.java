package geo.runtime.learn.lagrangian;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.Lbfgs;
import geo.runtime.transport.cost.DiscreteAction;
import geo.runtime.optim.OptimResult;
import geo.runtime.transport.Assignment;
import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.ExactResult;
import geo.runtime.transport.OtStatus;

/**
 * The evaluation of §2(i)d of {@code shared/experiments/lagrangian-ot.md}, with the exact
 * discrete W₂² in place of the paper's entropic one (ε = 1e-3): the marginal error
 * W₂²(pushed, target) = min_σ (1/n) Σᵢ |pᵢ − y_σ(i)|² (squared Euclidean, no ½, as ott's
 * {@code PointCloud}) by the assignment solver on n × n held-out points; the transport cost, the
 * mean minimal discrete action of the pairs' paths; the share of paths entering the obstacle
 * region ({@link Task#inObstacle}); and the exact discrete baseline — the OT between n held-out
 * sources and n independent target samples with per-pair minimal-action costs
 * ({@link PathSolver#best}), whose pushed points are those target samples, so that its marginal
 * error is W₂² between two independent n-samples of the target: the sampling noise.
 */
public final class Evaluation {

    /** Outcome of an evaluation's exact OT. */
    public enum Status {
        /** Every path solve converged and the assignment is optimal. */
        OK,
        /** Some path solves did not reach the tolerance (counted in {@link Scores#unconverged}). */
        PATHS_NOT_CONVERGED,
        /** The assignment failed. */
        ASSIGNMENT_FAILED
    }

    /**
     * @param status        see {@link Status}
     * @param marginalError W₂²(pushed, held-out target)
     * @param cost          the mean action of the pairs' paths
     * @param crossing      the share of paths (the C² spline through the 20 points, sampled
     *                      {@value #CROSSING_SAMPLES} times a segment) entering the obstacle region; 0 without one
     * @param inside        the share of paths with one of their 20 points — all the paper's action (m = 1) sees — inside it
     * @param unconverged   path solves that stopped before the tolerance
     * @param seconds       wall time of the method's work measured (training excluded; see the callers)
     */
    public record Scores(Status status, double marginalError, double cost, double crossing, double inside,
                         int unconverged,
                         double seconds) {
    }

    /** Samples of each path segment when testing for crossing. */
    public static final int CROSSING_SAMPLES = 32;

    private Evaluation() {
    }

    /** W₂²(a, b) = min_σ (1/n) Σ |aᵢ − b_σ(i)|², exactly; NaN only if the assignment fails. */
    public static double w2(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dx = a[i][0] - b[j][0];
                double dy = a[i][1] - b[j][1];
                c[i][j] = dx * dx + dy * dy;
            }
        }
        ExactResult r = Assignment.solve(CostMatrix.of(c));
        if (r.status() != OtStatus.OPTIMAL) {
            throw new IllegalStateException("the assignment of the marginal error failed: " + r.status());
        }
        return r.cost();
    }

    /**
     * The discrete baseline: exact OT from {@code sources} to {@code train} (n each) on the
     * minimal-action cost, then the marginal error against {@code heldOut}.
     *
     * @param paths if not null, receives the matched pairs' paths ([i] = the path of source i, 20 × 2 … points)
     * @param pushedOut if not null, receives the matched target of each source
     */
    public static Scores baseline(Task task, LagrangianKernels lagrangian, double[] theta, PathSolver.Options options,
                                  double[][] sources, double[][] train, double[][] heldOut, double[][][] paths,
                                  double[][] pushedOut) {
        long t0 = System.nanoTime();
        int n = sources.length;
        PathSolver solver = new PathSolver(lagrangian, options);
        double[][] c = new double[n][n];
        double[][][] qs = new double[n][n][];
        int unconverged = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] q = new double[solver.freeCount()];
                OptimResult r = solver.best(sources[i], train[j], theta, q);
                unconverged += r.converged() ? 0 : 1;
                c[i][j] = r.value();
                qs[i][j] = q;
            }
        }
        ExactResult r = Assignment.solve(CostMatrix.of(c));
        if (r.status() != OtStatus.OPTIMAL) {
            return new Scores(Status.ASSIGNMENT_FAILED, Double.NaN, Double.NaN, Double.NaN, Double.NaN, unconverged,
                    seconds(t0));
        }
        int[] to = r.assignment();
        Tally tally = new Tally(task, solver, n, paths, pushedOut);
        for (int i = 0; i < n; i++) {
            solver.set(sources[i], train[to[i]], theta);
            tally.add(i, train[to[i]], qs[i][to[i]], c[i][to[i]]);
        }
        return tally.scores(unconverged, heldOut, t0);
    }

    /** The per-path sums of an evaluation: cost, crossing, points inside, and the paths and pushed points asked for. */
    private static final class Tally {
        private final Task task;
        private final PathSolver solver;
        private final int n;
        private final double[][][] paths;
        private final double[][] pushedOut;
        private final double[][] pushed;
        private int crossed;
        private int inside;
        private double cost;

        Tally(Task task, PathSolver solver, int n, double[][][] paths, double[][] pushedOut) {
            this.task = task;
            this.solver = solver;
            this.n = n;
            this.paths = paths;
            this.pushedOut = pushedOut;
            this.pushed = new double[n][];
        }

        /** Path i from the solver's current problem: its interior points q, its action s, its end y. */
        void add(int i, double[] y, double[] q, double s) {
            pushed[i] = y.clone();
            cost += s / n;
            crossed += solver.crosses(task, q, CROSSING_SAMPLES) ? 1 : 0;
            inside += solver.crosses(task, q, 1) ? 1 : 0;
            if (paths != null) {
                paths[i] = solver.sample(q, (solver.options().samples() - 1) * 4 + 1);
            }
            if (pushedOut != null) {
                pushedOut[i] = y.clone();
            }
        }

        Scores scores(int unconverged, double[][] heldOut, long t0) {
            double seconds = seconds(t0);
            return new Scores(unconverged == 0 ? Status.OK : Status.PATHS_NOT_CONVERGED, w2(pushed, heldOut), cost,
                    (double) crossed / n, (double) inside / n, unconverged, seconds);
        }
    }

    /** How the learned map pushes a source and which path it outputs. */
    public enum Push {
        /** ŷ = T(x) and the amortised path a(x, T(x)) as predicted: forward passes only, no solve. */
        AMORTISED,
        /** ŷ = T(x); the path the lowest-action refinement of a(x, T(x)) and the {@link PathSolver#best} starts. */
        MAP,
        /**
         * ŷ = the c-transform argmin_y c(x, y) − g(y) as the paper evaluates it: L-BFGS over (q, y)
         * from (a(x, T(x)), T(x)) with the training's settings (at most 20 iterations, ‖∇‖∞ ≤ 1e-5);
         * the path as for {@link #MAP}, towards ŷ.
         */
        C_TRANSFORM,
        /**
         * A diagnostic: the global c-transform, the lowest c − g of L-BFGS runs over (q, y) to
         * ‖∇‖∞ ≤ 1e-6 (≤ 500 iterations) from (a(x, T(x)), T(x)) and from the five
         * {@link PathSolver#best} starts towards T(x). Far from T(x) where g is not c-concave.
         */
        C_TRANSFORM_GLOBAL
    }

    /** L-BFGS of the paper's c-transform push: the training's, ‖∇‖∞ ≤ 1e-5, at most 20 iterations. */
    public static final Lbfgs.Settings C_TRANSFORM_LBFGS = Lbfgs.Settings.defaults().withGradientTolerance(1e-5)
            .withMaxIterations(20).withMaxEvaluations(4 * 20 + 4);

    /** L-BFGS of the global c-transform: ‖∇‖∞ ≤ 1e-6, at most 500 iterations. */
    public static final Lbfgs.Settings C_TRANSFORM_GLOBAL_LBFGS = Lbfgs.Settings.defaults()
            .withGradientTolerance(1e-6).withMaxIterations(500).withMaxEvaluations(2000);

    /**
     * The learned map on held-out sources: the pushed points ({@link Push}) against the held-out
     * targets, and the paths actually output — crossing and cost are measured on them. A path is
     * the lowest-action of L-BFGS refinements from several starts (the amortised path, and for the
     * c-transform its own path, and the five starts of {@link PathSolver#best}): a minimum is
     * local, and near x₁ = 0 behind the box the amortiser's guess sits between the two sides.
     */
    public static Scores learned(Task task, LagrangianKernels lagrangian, double[] theta, PathSolver.Options options,
                                 Networks nets, double[][] sources, double[][] heldOut, Push push,
                                 double[][][] paths, double[][] pushedOut) {
        long t0 = System.nanoTime();
        int n = sources.length;
        PathSolver solver = new PathSolver(lagrangian, options);
        DiscreteAction action = options.action(lagrangian);
        CTransform ct = new CTransform(action, nets, task);
        boolean global = push == Push.C_TRANSFORM_GLOBAL;
        Lbfgs lbfgs = new Lbfgs(global ? C_TRANSFORM_GLOBAL_LBFGS : C_TRANSFORM_LBFGS);
        int free = solver.freeCount();
        double[] tx = new double[2];
        double[] y = new double[2];
        double[] q = new double[free];
        double[] bestQ = new double[free];
        double[] z = new double[free + 2];
        double[] bestZ = new double[free + 2];
        int unconverged = 0;
        Tally tally = new Tally(task, solver, n, paths, pushedOut);
        for (int i = 0; i < n; i++) {
            double[] x = sources[i];
            nets.map(x, tx);
            y[0] = tx[0];
            y[1] = tx[1];
            if (push == Push.AMORTISED) {
                nets.path(x, y, options.samples(), q);
                solver.set(x, y, theta);
                tally.add(i, y, q, solver.value(q, null));
                continue;
            }
            double[] extra = null;
            if (push == Push.C_TRANSFORM || global) {
                ct.set(x, theta);
                double bestValue = Double.POSITIVE_INFINITY;
                for (int k = -1; k < (global ? PathSolver.STARTS : 0); k++) {
                    if (k < 0) {
                        nets.path(x, tx, options.samples(), z);
                    } else {
                        solver.start(k, x, tx, z);
                    }
                    z[free] = tx[0];
                    z[free + 1] = tx[1];
                    OptimResult r = ct.solve(lbfgs, z);
                    if (Double.isFinite(r.value()) && r.value() < bestValue) {
                        bestValue = r.value();
                        System.arraycopy(z, 0, bestZ, 0, z.length);
                    }
                }
                if (bestValue == Double.POSITIVE_INFINITY) {
                    unconverged++;
                } else {
                    y[0] = bestZ[free];
                    y[1] = bestZ[free + 1];
                    extra = java.util.Arrays.copyOf(bestZ, free);
                }
            }
            // The path to y: the best of the amortised guess, the c-transform's path and the five starts.
            OptimResult best = solver.best(x, y, theta, bestQ);
            double bestS = best.value();
            boolean converged = best.converged();
            for (int k = 0; k < (extra == null ? 1 : 2); k++) {
                if (k == 0) {
                    nets.path(x, y, options.samples(), q);
                } else {
                    System.arraycopy(extra, 0, q, 0, free);
                }
                OptimResult r = solver.refine(q);
                if (Double.isFinite(r.value()) && !(r.value() >= bestS)) {
                    bestS = r.value();
                    converged = r.converged();
                    System.arraycopy(q, 0, bestQ, 0, free);
                }
            }
            unconverged += converged ? 0 : 1;
            tally.add(i, y, bestQ, bestS);
        }
        return tally.scores(unconverged, heldOut, t0);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }
}
