package geo.runtime.learn.lagrangian;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.OptimResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Whether the spline amortiser pays (Pooladian et al. 2024, §2(i) of
 * {@code shared/experiments/lagrangian-ot.md}): on new pairs (x, y), the minimal discrete action
 * reached from the amortised path a(x, y) against paths solved from the straight line. Three
 * solves of each pair, each timed as a whole over the pairs (wall time and this thread's CPU time):
 * <ol>
 *   <li>the reference: L-BFGS from the straight line to the path solver's tolerance
 *       (‖∂S/∂w‖∞ ≤ 1e-8);</li>
 *   <li>the same from the straight line to the loose tolerance {@code tolerance} — the peer at
 *       the same tolerance;</li>
 *   <li>amortised: the predicted paths (the amortiser's forward passes, batched when its class has a
 *       batch kernel, timed on their own), each kept when its predicted relative gap
 *       ½|∂S/∂w|₂²/S is at most {@link #CERTIFICATE}·{@link #WITHIN} (one evaluation of S and ∂S/∂q),
 *       otherwise refined by L-BFGS from it to ‖∂S/∂w‖∞ ≤ {@code tolerance}.</li>
 * </ol>
 * A pair counts as reached when its action is at most S_ref·(1 + 1e-3) (lower is fine: a straight
 * start can end on the worse side of an obstacle). Every method first runs untimed on the first
 * {@value #WARM_UP} pairs, so none pays the JIT's compilations. Single-threaded.
 */
public final class AmortisationBenchmark {

    /** The relative action gap within which a pair counts as reached. */
    public static final double WITHIN = 1e-3;

    /** The timing and the objective evaluations of one method over all pairs. */
    public record Cost(double wallSeconds, double cpuSeconds, long evaluations) {
    }

    /**
     * @param pairs           the pairs
     * @param tolerance       the loose tolerance on ‖∂S/∂w‖∞
     * @param within          amortised (refined where needed) actions reaching the reference
     * @param withinUnrefined amortised paths reaching it without any refinement
     * @param withinLoose     loose straight-start solves reaching it
     * @param refined         pairs whose amortised path needed refining
     * @param reference       the cost of the reference solves
     * @param loose           the cost of the loose straight-start solves
     * @param predict         the cost of the predictions (the amortiser's forward passes)
     * @param refine          the cost of their checks and refinement
     * @param worstRelative   max over pairs of (S_amortised − S_ref)/S_ref
     * @param evaluation      one evaluation of S and ∂S/∂q a pair at the predicted path: with
     *                        {@code predict}, the floor of any amortised method that checks its guess
     * @param batched         whether the predictions went through the amortiser's batch kernel
     */
    public record Result(int pairs, double tolerance, int within, int withinUnrefined, int withinLoose, int refined,
                         Cost reference, Cost loose, Cost predict, Cost refine, double worstRelative,
                         Cost evaluation, boolean batched) {

        /** The amortised method's whole cost: prediction, check and refinement. */
        public Cost amortised() {
            return new Cost(predict.wallSeconds + refine.wallSeconds, predict.cpuSeconds + refine.cpuSeconds,
                    refine.evaluations);
        }
    }

    /**
     * The certificate that keeps a prediction unrefined: its predicted relative gap
     * ½|∂S/∂w|₂²/S ({@link PathSolver#predictedGap}) at most this share of {@link #WITHIN}. A
     * bound of the true gap where S is convex in w with Hessian ≥ I (the well); a local model
     * elsewhere, so the share keeps a margin of 2.
     */
    public static final double CERTIFICATE = 0.5;

    /** The default loose tolerance on ‖∂S/∂w‖∞. */
    public static final double TOLERANCE = 1e-3;

    private AmortisationBenchmark() {
    }

    /** Runs the benchmark on the pairs (xs[i], ys[i]) with the Lagrangian at θ. */
    public static Result run(LagrangianKernels lagrangian, double[] theta, PathSolver.Options options, Networks nets,
                             double[][] xs, double[][] ys, double tolerance) {
        // A warm-up round on the first pairs, untimed, so that no method pays the JIT's compilations.
        int warm = Math.min(xs.length, WARM_UP);
        // The predictions are a few calls of the batch kernel: repeat them, so that they too run JIT-compiled
        // (the solves call S thousands of times in their warm-up round).
        for (int r = 0; r < PREDICTION_WARM_UP; r++) {
            nets.paths(java.util.Arrays.copyOf(xs, warm), java.util.Arrays.copyOf(ys, warm), options.samples());
        }
        measure(lagrangian, theta, options, nets, java.util.Arrays.copyOf(xs, warm), java.util.Arrays.copyOf(ys, warm),
                tolerance);
        return measure(lagrangian, theta, options, nets, xs, ys, tolerance);
    }

    /** The pairs of the untimed warm-up round. */
    public static final int WARM_UP = 200;

    /** The untimed repetitions of the warm-up round's predictions. */
    public static final int PREDICTION_WARM_UP = 50;

    private static Result measure(LagrangianKernels lagrangian, double[] theta, PathSolver.Options options,
                                  Networks nets, double[][] xs, double[][] ys, double tolerance) {
        int n = xs.length;
        PathSolver tight = new PathSolver(lagrangian, options);
        PathSolver loose = new PathSolver(lagrangian, options.withLbfgs(options.lbfgs()
                .withGradientTolerance(tolerance)));
        double[] q = new double[tight.freeCount()];
        double[] reference = new double[n];
        double[] looseAction = new double[n];
        double[] amortised = new double[n];
        Clock clock = new Clock();
        Cost referenceCost = clock.lap(straightSolves(tight, xs, ys, theta, q, reference));
        Cost looseCost = clock.lap(straightSolves(loose, xs, ys, theta, q, looseAction));
        double[][] predicted = nets.paths(xs, ys, options.samples());
        Cost predictCost = clock.lap(0);
        long evaluations = 0;
        int refined = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(predicted[i], 0, q, 0, q.length);
            loose.set(xs[i], ys[i], theta);
            evaluations++;
            if (loose.predictedGap(q) <= CERTIFICATE * WITHIN) {
                amortised[i] = loose.lastValue();
            } else {
                OptimResult r = loose.refine(q);
                amortised[i] = r.value();
                evaluations += r.evaluations();
                refined++;
            }
        }
        Cost refineCost = clock.lap(evaluations);
        double[] gq = new double[q.length];
        for (int i = 0; i < n; i++) {
            loose.set(xs[i], ys[i], theta);
            loose.value(predicted[i], gq);
        }
        Cost evaluationCost = clock.lap(n);
        int within = 0;
        int withinUnrefined = 0;
        int withinLoose = 0;
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            tight.set(xs[i], ys[i], theta);
            double bound = reference[i] * (1 + WITHIN);
            within += amortised[i] <= bound ? 1 : 0;
            withinUnrefined += tight.value(predicted[i], null) <= bound ? 1 : 0;
            withinLoose += looseAction[i] <= bound ? 1 : 0;
            worst = Math.max(worst, (amortised[i] - reference[i]) / reference[i]);
        }
        return new Result(n, tolerance, within, withinUnrefined, withinLoose, refined, referenceCost, looseCost,
                predictCost, refineCost, worst, evaluationCost, nets.batchedAmortiser());
    }

    /** Solves every pair from the straight line; the actions into {@code out}; returns the evaluations of S. */
    private static long straightSolves(PathSolver solver, double[][] xs, double[][] ys, double[] theta, double[] q,
                                       double[] out) {
        long evaluations = 0;
        for (int i = 0; i < xs.length; i++) {
            solver.set(xs[i], ys[i], theta);
            solver.straight(q);
            OptimResult r = solver.refine(q);
            out[i] = r.value();
            evaluations += r.evaluations();
        }
        return evaluations;
    }

    /** Wall and thread CPU time since the last lap (CPU time is robust to other processes' load). */
    private static final class Clock {
        private final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        private final boolean cpu = bean.isCurrentThreadCpuTimeSupported();
        private long wall = System.nanoTime();
        private long thread = cpuNow();

        private long cpuNow() {
            return cpu ? bean.getCurrentThreadCpuTime() : 0;
        }

        Cost lap(long evaluations) {
            long w = System.nanoTime();
            long c = cpuNow();
            Cost cost = new Cost((w - wall) * 1e-9, cpu ? (c - thread) * 1e-9 : Double.NaN, evaluations);
            wall = w;
            thread = c;
            return cost;
        }
    }
}
