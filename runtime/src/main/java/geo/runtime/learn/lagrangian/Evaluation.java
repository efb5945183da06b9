package geo.runtime.learn.lagrangian;

import geo.runtime.api.LagrangianKernels;
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
     * @param inside        the share of paths with one of their 20 points — all the discrete action sees — inside it
     * @param unconverged   path solves that stopped before the tolerance
     * @param seconds       wall time of the method's work measured (training excluded; see the callers)
     */
    public record Scores(Status status, double marginalError, double cost, double crossing, double inside,
                         int unconverged,
                         double seconds) {
    }

    /** Samples of each path segment when testing for crossing. */
    public static final int CROSSING_SAMPLES = 8;

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

    /**
     * The learned map: pushed = T(x) (one compiled forward pass per point), the path the amortised
     * spline a(x, T(x)) refined by L-BFGS (its action is the cost; crossing is counted on the
     * refined path).
     *
     * @param refined if false, the amortised paths themselves are scored (no solve at all)
     */
    public static Scores learned(Task task, LagrangianKernels lagrangian, double[] theta, PathSolver.Options options,
                                 Networks nets, double[][] sources, double[][] heldOut, boolean refined,
                                 double[][][] paths, double[][] pushedOut) {
        long t0 = System.nanoTime();
        int n = sources.length;
        PathSolver solver = new PathSolver(lagrangian, options);
        double[] y = new double[2];
        double[] q = new double[solver.freeCount()];
        int unconverged = 0;
        Tally tally = new Tally(task, solver, n, paths, pushedOut);
        for (int i = 0; i < n; i++) {
            nets.map(sources[i], y);
            nets.path(sources[i], y, options.samples(), q);
            solver.set(sources[i], y, theta);
            double s;
            if (refined) {
                OptimResult r = solver.refine(q);
                unconverged += r.converged() ? 0 : 1;
                s = r.value();
            } else {
                s = solver.value(q, null);
            }
            tally.add(i, y, q, s);
        }
        return tally.scores(unconverged, heldOut, t0);
    }

    /**
     * Amortisation on new pairs. Three solves of each pair: the reference, L-BFGS from the straight
     * line to ‖∇S‖∞ ≤ 1e-8 (the path solver's tolerance); the same from the straight line to the
     * loose tolerance {@code refineTolerance}; and the amortised path refined where needed — kept
     * as it is when its ‖∇S‖∞ is already ≤ {@code refineTolerance}, otherwise L-BFGS from it to that
     * tolerance. A pair counts as reached when its action is at most reference·(1 + 1e-3) (lower
     * is better: a straight start can end on the wrong side of an obstacle).
     *
     * @param within          amortised-then-refined actions reaching the reference
     * @param withinUnrefined  amortised paths with no refinement reaching it
     * @param withinLoose     loose straight-start solves reaching it
     * @param refined         pairs the amortised path needed refining
     * @param referenceSeconds time of the reference solves
     * @param looseSeconds    time of the loose straight-start solves
     * @param amortisedSeconds time of the amortised predictions plus their refinement
     * @param worstRelative   max over pairs of (S_amortised,refined − S_ref)/S_ref
     */
    public record Amortisation(int pairs, int within, int withinUnrefined, int withinLoose, int refined,
                               double referenceSeconds, double looseSeconds, double amortisedSeconds,
                               double worstRelative) {
    }

    /** The loose tolerance of {@link #amortisation}'s refinement, ‖∇S‖∞ (the action error is O(‖∇S‖²)). */
    public static final double REFINE_TOLERANCE = 1e-3;

    /** Runs {@link Amortisation} on the given pairs. */
    public static Amortisation amortisation(LagrangianKernels lagrangian, double[] theta, PathSolver.Options options,
                                            Networks nets, double[][] xs, double[][] ys) {
        int n = xs.length;
        PathSolver solver = new PathSolver(lagrangian, options);
        PathSolver loose = new PathSolver(lagrangian, options.withLbfgs(options.lbfgs()
                .withGradientTolerance(REFINE_TOLERANCE)));
        double[] reference = new double[n];
        double[] q = new double[solver.freeCount()];
        double[] gq = new double[solver.freeCount()];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            solver.set(xs[i], ys[i], theta);
            solver.straight(q);
            reference[i] = solver.refine(q).value();
        }
        double referenceSeconds = seconds(t0);
        double[] looseAction = new double[n];
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            loose.set(xs[i], ys[i], theta);
            loose.straight(q);
            looseAction[i] = loose.refine(q).value();
        }
        double looseSeconds = seconds(t0);
        double[] amortised = new double[n];
        int refined = 0;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            nets.path(xs[i], ys[i], options.samples(), q);
            loose.set(xs[i], ys[i], theta);
            double s = loose.value(q, gq);
            double g = 0;
            for (double v : gq) {
                g = Math.max(g, Math.abs(v));
            }
            if (!(g <= REFINE_TOLERANCE)) {
                s = loose.refine(q).value();
                refined++;
            }
            amortised[i] = s;
        }
        double amortisedSeconds = seconds(t0);
        int within = 0;
        int withinUnrefined = 0;
        int withinLoose = 0;
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            nets.path(xs[i], ys[i], options.samples(), q);
            solver.set(xs[i], ys[i], theta);
            double unrefined = solver.value(q, null);
            double bound = reference[i] * (1 + 1e-3);
            within += amortised[i] <= bound ? 1 : 0;
            withinUnrefined += unrefined <= bound ? 1 : 0;
            withinLoose += looseAction[i] <= bound ? 1 : 0;
            worst = Math.max(worst, (amortised[i] - reference[i]) / reference[i]);
        }
        return new Amortisation(n, within, withinUnrefined, withinLoose, refined, referenceSeconds, looseSeconds,
                amortisedSeconds, worst);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }
}
