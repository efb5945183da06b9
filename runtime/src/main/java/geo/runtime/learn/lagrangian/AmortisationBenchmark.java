package geo.runtime.learn.lagrangian;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.OptimResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Whether the spline amortiser pays (Pooladian et al. 2024, §2(i) of
 * {@code shared/experiments/lagrangian-ot.md}): on new pairs (x, y), the minimal discrete action
 * reached from the amortised path a(x, y) against paths solved from the straight line. Each
 * method is timed as a whole over the pairs (wall time and this thread's CPU time):
 * <ol>
 *   <li>the reference: {@link PathSolver} (S with dense spline weights, {@code DiscreteAction}),
 *       L-BFGS from the straight line to the path solver's tolerance (‖∂S/∂w‖∞ ≤ 1e-8) — the
 *       actions every method is judged by, and the baseline of sessions 7–9;</li>
 *   <li>tight: the same solves with the O(T) spline ({@link LanePathSolver}, one pair at a time) —
 *       the fastest per-pair straight-line solver, the baseline of the ratio;</li>
 *   <li>loose: those to the loose tolerance {@code tolerance} — the peer at the same tolerance;</li>
 *   <li>amortised: the predicted paths (the amortiser's forward passes, batched when its class has a
 *       batch kernel, timed on their own), then S and ∂S/∂q of all of them in batches of {@value #LANES}
 *       ({@link LaneAction}) — of every head's path for an amortiser of K heads ({@link Networks}), the
 *       lowest S a pair kept; a path is kept when its predicted relative gap ½|∂S/∂w|₂²/S is at most
 *       {@link #CERTIFICATE}·{@link #WITHIN}, the others are refined together by lockstep L-BFGS
 *       ({@link LaneLbfgs}) to ‖∂S/∂w‖∞ ≤ {@code tolerance} or, where {@link Settings#decrementGap} is
 *       set, until the kinetic decrement ½|∂S/∂w|₂²/S is at most it;</li>
 *   <li>the Newton side ({@link Newton}, for Lagrangians ½|v|² + V): per-pair Newton from the straight
 *       line with exact Hessians ({@link LaneHessian}), L-BFGS where Newton stops, and the amortised
 *       paths refined by lockstep Newton ({@link LaneNewton}) with the decrement certificate ½λ²/S ≤
 *       {@link #CERTIFICATE}·{@link #WITHIN}, lockstep L-BFGS for the pairs Newton hands on.</li>
 * </ol>
 * A pair counts as reached when its action is at most S_ref·(1 + 1e-3) (lower is fine: a straight
 * start can end on the worse side of an obstacle). Every method first runs untimed on the first
 * {@value #WARM_UP} pairs, {@value #WARM_UP_ROUNDS} rounds, so none pays the JIT's compilations. Single-threaded.
 */
public final class AmortisationBenchmark {

    /** The relative action gap within which a pair counts as reached. */
    public static final double WITHIN = 1e-3;

    /** The timing and the objective evaluations of one method over all pairs. */
    public record Cost(double wallSeconds, double cpuSeconds, long evaluations) {
    }

    /**
     * What the benchmark runs.
     *
     * @param tolerance    the loose tolerance on ‖∂S/∂w‖∞ (the refinement's and the loose solves')
     * @param modelGap     the lockstep refinement's L-BFGS model stop ({@link #MODEL_GAP}; 0: off)
     * @param decrementGap the lockstep refinement's kinetic-decrement stop ½|∂S/∂w|₂²/S ≤ this
     *                     ({@link #DECREMENT_GAP}; 0: off), also applied to the lockstep solves from the
     *                     straight lines
     * @param newton       whether the Newton side runs ({@link Newton})
     */
    public record Settings(double tolerance, double modelGap, double decrementGap, boolean newton) {

        /** The loose tolerance {@value #TOLERANCE}, both stops off, the Newton side run (session 11's benchmark). */
        public static final Settings DEFAULTS = new Settings(TOLERANCE, MODEL_GAP, DECREMENT_GAP, true);

        public Settings {
            if (!(tolerance > 0) || !(modelGap >= 0 && modelGap < 1) || !(decrementGap >= 0 && decrementGap < 1)) {
                throw new IllegalArgumentException("the tolerance must be positive, the model and decrement gaps in "
                        + "[0, 1); got " + tolerance + ", " + modelGap + ", " + decrementGap);
            }
        }

        public Settings withModelGap(double gap) {
            return new Settings(tolerance, gap, decrementGap, newton);
        }

        public Settings withDecrementGap(double gap) {
            return new Settings(tolerance, modelGap, gap, newton);
        }

        public Settings withNewton(boolean run) {
            return new Settings(tolerance, modelGap, decrementGap, run);
        }
    }

    /**
     * @param pairs             the pairs
     * @param settings          what ran: the loose tolerance on ‖∂S/∂w‖∞, the refinement's stops, the Newton side
     * @param within            amortised (refined where needed) actions reaching the reference
     * @param withinUnrefined   amortised paths reaching it without any refinement
     * @param withinLoose       loose straight-start solves reaching it
     * @param withinTight       tight O(T) straight-start solves reaching it
     * @param refined           pairs whose amortised path was not certified, so refined
     * @param modelStops        refined pairs stopped by the L-BFGS model's predicted gap ({@link #MODEL_GAP})
     * @param decrementStops    refined pairs stopped by the kinetic decrement ({@link Settings#decrementGap})
     * @param unconverged       refined pairs whose lockstep L-BFGS stopped before the tolerance
     * @param reference         the cost of the reference solves (dense spline weights)
     * @param tight             the cost of the tight straight-start solves with the O(T) spline
     * @param loose             the cost of the loose straight-start solves with the O(T) spline
     * @param predict           the cost of the predictions (the amortiser's forward passes)
     * @param refine            the cost of their batched checks and lockstep refinement
     * @param worstRelative     max over pairs of (S_amortised − S_ref)/S_ref
     * @param evaluation        one per-pair evaluation of S and ∂S/∂q (dense weights) at each predicted path
     * @param batchedEvaluation one batched evaluation ({@link LaneAction}) at each predicted path (at each
     *                          head's, K a pair): with {@code predict}, the floor of any amortised method
     *                          that checks its guess
     * @param batchedStraight   the lockstep refinement's cost from the straight lines instead of the
     *                          predictions (with the batched check of the straight lines): what batching
     *                          alone gives, without the amortiser
     * @param withinBatchedStraight those lockstep straight-line solves reaching the reference
     * @param batched           whether the predictions went through the amortiser's batch kernel
     * @param chosen            per head, the pairs whose lowest action was that head's (one entry for K = 1)
     * @param unrefinedGaps     quantiles {@link #QUANTILES} over the pairs of the chosen predictions' relative
     *                          gap (S_pred − S_ref)/S_ref
     * @param refinedGaps       the same quantiles of the amortised (certified or refined) paths' gap
     * @param crossingUnrefined the chosen predictions whose spline enters the task's obstacle region
     *                          ({@link PathSolver#crosses}, {@link Evaluation#CROSSING_SAMPLES} a segment; 0
     *                          without an obstacle or a task)
     */
    public record Result(int pairs, Settings settings, int within, int withinUnrefined, int withinLoose,
                         int withinTight, int refined, int modelStops, int decrementStops, int unconverged, Cost reference,
                         Cost tight, Cost loose, Cost predict, Cost refine, double worstRelative, Cost evaluation,
                         Cost batchedEvaluation, Cost batchedStraight, int withinBatchedStraight, boolean batched,
                         int[] chosen, double[] unrefinedGaps, double[] refinedGaps, int crossingUnrefined,
                         Newton newton) {

        /** The amortised method's whole cost: prediction, check and refinement. */
        public Cost amortised() {
            return new Cost(predict.wallSeconds + refine.wallSeconds, predict.cpuSeconds + refine.cpuSeconds,
                    refine.evaluations);
        }
    }

    /** Whether the Newton side ran. */
    public enum NewtonStatus {
        /** It ran. */
        RUN,
        /** The model has no acceleration kernels, so no potential Hessian: not run (zero costs). */
        NO_ACCELERATION,
        /** The model is not of the form ½|v|² + V(t, x) at the probe points ({@link LaneHessian#check}): not run. */
        NOT_KINETIC_PLUS_POTENTIAL,
        /** Not asked for ({@link Settings#newton}): not run. */
        NOT_RUN
    }

    /**
     * The Newton side (session 11): the same pairs with exact Hessians ({@link LaneHessian}).
     *
     * @param status           whether it ran
     * @param straight         per-pair Newton from the straight line to the tight tolerance, L-BFGS from
     *                         Newton's last point where Newton stops early ({@link LanePathSolver} with the
     *                         acceleration kernels)
     * @param withinStraight   those solves reaching the reference
     * @param refine           the amortised side's check and refinement by lockstep Newton from the
     *                         predictions (certified when ½λ²/S ≤ {@link #CERTIFICATE}·{@link #WITHIN} or
     *                         ‖∂S/∂w‖∞ ≤ the loose tolerance), lockstep L-BFGS from Newton's last point for
     *                         the pairs Newton leaves
     * @param within           its actions reaching the reference
     * @param certifiedAtPrediction pairs certified at the predicted path itself (no step)
     * @param steps            accepted Newton steps over all pairs
     * @param fallback         pairs handed to L-BFGS (H not positive definite, stalled, line search failed, budget)
     * @param worstRelative    max over pairs of (S − S_ref)/S_ref
     * @param hessian          one batched evaluation with the Hessian and its factorisation at each
     *                         prediction: with the prediction, the floor of the Newton side
     */
    public record Newton(NewtonStatus status, Cost straight, int withinStraight, Cost refine, int within,
                         int certifiedAtPrediction, long steps, int fallback, double worstRelative, Cost hessian) {

        static Newton skipped(NewtonStatus status) {
            Cost zero = new Cost(0, 0, 0);
            return new Newton(status, zero, 0, zero, 0, 0, 0, 0, Double.NaN, zero);
        }
    }

    /** The pairs of one lockstep Newton batch (its packed Hessians: 666 rows of this many lanes at T = 20). */
    public static final int NEWTON_LANES = 64;

    /** The most Newton steps of an amortised pair before L-BFGS takes over. */
    public static final int NEWTON_STEPS = 8;

    /**
     * The certificate that keeps a prediction unrefined: its predicted relative gap
     * ½|∂S/∂w|₂²/S ({@link PathSolver#predictedGap}) at most this share of {@link #WITHIN}. A
     * bound of the true gap where S is convex in w with Hessian ≥ I (the well); a local model
     * elsewhere, so the share keeps a margin of 2.
     */
    public static final double CERTIFICATE = 0.5;

    /**
     * The default of the lockstep refinement's second stop ({@link LaneLbfgs}), the L-BFGS model's
     * predicted relative gap −½∇fᵀd/S: 0, off — only the gradient tolerance stops a refinement, as
     * it stops the straight-line solves. (The model is the certificate with the curvature the
     * refinement has met in place of the kinetic Hessian; measured on the box, seed 2: at 5e-4 it
     * stops 85% of the refinements early and 96 of 1,000 pairs miss the reference by up to 6e-3,
     * at 5e-5 3 pairs miss, as many as the loose straight-line solves.)
     */
    public static final double MODEL_GAP = 0;

    /** The default loose tolerance on ‖∂S/∂w‖∞. */
    public static final double TOLERANCE = 1e-3;

    /** The default of the refinement's kinetic-decrement stop ({@link Settings#decrementGap}): 0, off. */
    public static final double DECREMENT_GAP = 0;

    private AmortisationBenchmark() {
    }

    /**
     * Runs the benchmark on the pairs (xs[i], ys[i]) with the Lagrangian at θ; {@code task} (or null)
     * only counts the predictions crossing its obstacle.
     */
    public static Result run(Task task, LagrangianKernels lagrangian, double[] theta, PathSolver.Options options,
                             Networks nets, double[][] xs, double[][] ys, Settings settings) {
        // A warm-up round on the first pairs, untimed, so that no method pays the JIT's compilations.
        int warm = Math.min(xs.length, WARM_UP);
        // The predictions are a few calls of the batch kernel: repeat them, so that they too run JIT-compiled
        // (the solves call S thousands of times in their warm-up round). The batch kernel is one large method:
        // measured on the 2 x 128 amortiser, 200-row calls take 6-7 µs a row after 50 calls, reach their
        // steady 3 µs a row after about 200 (session 10's 50 timed the code before its last compilation).
        for (int r = 0; r < PREDICTION_WARM_UP; r++) {
            nets.paths(java.util.Arrays.copyOf(xs, warm), java.util.Arrays.copyOf(ys, warm), options.samples());
        }
        for (int r = 0; r < WARM_UP_ROUNDS; r++) {
            measure(null, lagrangian, theta, options, nets, java.util.Arrays.copyOf(xs, warm),
                    java.util.Arrays.copyOf(ys, warm), settings);
        }
        return measure(task, lagrangian, theta, options, nets, xs, ys, settings);
    }

    /** The pairs of the untimed warm-up round. */
    public static final int WARM_UP = 200;

    /**
     * The untimed warm-up rounds (session 10: 1). One round calls the lockstep L-BFGS's step about 4,400
     * times on the box, below C2's compile threshold (the JIT log of a fresh run: {@code LaneLbfgs.step}
     * compiled by C2 after 13,971 calls), so the timed refinement ran partly in C1's code; five rounds
     * call it about 22,000 times.
     */
    public static final int WARM_UP_ROUNDS = 5;

    /** The untimed repetitions of the warm-up round's predictions (session 10: 50, too few; see {@link #run}). */
    public static final int PREDICTION_WARM_UP = 500;

    private static Result measure(Task task, LagrangianKernels lagrangian, double[] theta, PathSolver.Options options,
                                  Networks nets, double[][] xs, double[][] ys, Settings settings) {
        double tolerance = settings.tolerance();
        double modelGap = settings.modelGap();
        double decrementGap = settings.decrementGap();
        int n = xs.length;
        int heads = nets.heads(options.samples());
        // Every head's ends, row i·K + h (bookkeeping, before the clock starts).
        double[][] xk = new double[n * heads][];
        double[][] yk = new double[n * heads][];
        for (int r = 0; r < n * heads; r++) {
            xk[r] = xs[r / heads];
            yk[r] = ys[r / heads];
        }
        PathSolver dense = new PathSolver(lagrangian, options);
        PathSolver.Options looseOptions = options.withLbfgs(options.lbfgs().withGradientTolerance(tolerance));
        LanePathSolver tight = new LanePathSolver(lagrangian, options);
        LanePathSolver loose = new LanePathSolver(lagrangian, looseOptions);
        double[] q = new double[dense.freeCount()];
        double[] reference = new double[n];
        double[] tightAction = new double[n];
        double[] looseAction = new double[n];
        double[] amortised = new double[n];
        Clock clock = new Clock();
        Cost referenceCost = clock.lap(straightSolves(dense, xs, ys, theta, q, reference));
        Cost tightCost = clock.lap(straightSolves(tight, xs, ys, theta, q, tightAction));
        Cost looseCost = clock.lap(straightSolves(loose, xs, ys, theta, q, looseAction));
        double[][] predictedHeads = nets.paths(xs, ys, options.samples());
        Cost predictCost = clock.lap(0);
        // The amortised paths: every prediction (every head's) evaluated in batches, the lowest action of
        // a pair's heads kept, kept unrefined when certified, the others refined together by lockstep L-BFGS.
        LaneAction lanes = new LaneAction(lagrangian, options, LANES);
        lanes.setTheta(theta);
        double[][] paths = new double[n][];
        double[][] gq = new double[n][];
        double[] s = new double[n];
        double[][] predicted = new double[n][];
        int[] chosen = new int[heads];
        if (heads == 1) {
            for (int i = 0; i < n; i++) {
                gq[i] = new double[q.length];
            }
            evaluateAll(lanes, xs, ys, predictedHeads, paths, s, gq);
            predicted = predictedHeads;
            chosen[0] = n;
        } else {
            double[][] headCopies = new double[n * heads][];
            double[][] headGrads = new double[n * heads][q.length];
            double[] headS = new double[n * heads];
            evaluateAll(lanes, xk, yk, predictedHeads, headCopies, headS, headGrads);
            for (int i = 0; i < n; i++) {
                int best = lowest(headS, i * heads, heads);
                paths[i] = headCopies[i * heads + best];
                gq[i] = headGrads[i * heads + best];
                s[i] = headS[i * heads + best];
                predicted[i] = predictedHeads[i * heads + best];
                chosen[best]++;
            }
        }
        KineticChain chain = new KineticChain(options.samples() - 2, 2, false);
        double[] gw = new double[q.length];
        int[] uncertified = new int[n];
        int refined = 0;
        for (int i = 0; i < n; i++) {
            if (chain.predictedGap(s[i], gq[i], gw) <= CERTIFICATE * WITHIN) {
                amortised[i] = s[i];
            } else {
                uncertified[refined++] = i;
            }
        }
        LaneLbfgs.Outcome out = new LaneLbfgs(lanes, options.samples(), looseOptions.lbfgs(), modelGap, decrementGap)
                .run(java.util.Arrays.copyOf(uncertified, refined), xs, ys, paths, s, gq);
        int unconverged = 0;
        int modelStops = 0;
        int decrementStops = 0;
        for (int c = 0; c < refined; c++) {
            int i = uncertified[c];
            amortised[i] = out.values()[i];
            LaneLbfgs.Status st = out.status()[i];
            unconverged += st == LaneLbfgs.Status.CONVERGED || st == LaneLbfgs.Status.MODEL_GAP
                    || st == LaneLbfgs.Status.DECREMENT ? 0 : 1;
            modelStops += st == LaneLbfgs.Status.MODEL_GAP ? 1 : 0;
            decrementStops += st == LaneLbfgs.Status.DECREMENT ? 1 : 0;
        }
        Cost refineCost = clock.lap((long) n * heads + out.evaluations());
        double[] g1 = new double[q.length];
        for (int i = 0; i < n; i++) {
            dense.set(xs[i], ys[i], theta);
            dense.value(predicted[i], g1);
        }
        Cost evaluationCost = clock.lap(n);
        double[][] floorG = new double[n * heads][q.length];
        double[] floorS = new double[n * heads];
        clock.lap(0);
        evaluateAll(lanes, xk, yk, predictedHeads, new double[n * heads][], floorS, floorG);
        Cost batchedEvaluationCost = clock.lap((long) n * heads);
        // The batch's own share: the same lockstep L-BFGS from the straight lines (no amortiser).
        double[][] straightPaths = new double[n][q.length];
        for (int i = 0; i < n; i++) {
            LanePathSolver.straight(xs[i], ys[i], options.samples(), straightPaths[i]);
        }
        evaluateAll(lanes, xs, ys, straightPaths, straightPaths, s, gq);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        LaneLbfgs.Outcome straightOut = new LaneLbfgs(lanes, options.samples(), looseOptions.lbfgs(), modelGap,
                decrementGap).run(all, xs, ys, straightPaths, s, gq);
        Cost batchedStraightCost = clock.lap(n + straightOut.evaluations());
        Newton newton = settings.newton()
                ? newton(lagrangian, theta, options, xs, ys, predicted, tolerance, reference, clock)
                : Newton.skipped(NewtonStatus.NOT_RUN);
        int within = 0;
        int withinUnrefined = 0;
        int withinLoose = 0;
        int withinTight = 0;
        int withinBatchedStraight = 0;
        double worst = Double.NEGATIVE_INFINITY;
        double[] gapUnrefined = new double[n];
        double[] gapRefined = new double[n];
        int crossing = 0;
        for (int i = 0; i < n; i++) {
            dense.set(xs[i], ys[i], theta);
            double bound = reference[i] * (1 + WITHIN);
            within += amortised[i] <= bound ? 1 : 0;
            double unrefined = dense.value(predicted[i], null);
            withinUnrefined += unrefined <= bound ? 1 : 0;
            gapUnrefined[i] = (unrefined - reference[i]) / reference[i];
            gapRefined[i] = (amortised[i] - reference[i]) / reference[i];
            crossing += task != null && dense.crosses(task, predicted[i], Evaluation.CROSSING_SAMPLES) ? 1 : 0;
            withinLoose += looseAction[i] <= bound ? 1 : 0;
            withinTight += tightAction[i] <= bound ? 1 : 0;
            withinBatchedStraight += straightOut.values()[i] <= bound ? 1 : 0;
            worst = Math.max(worst, (amortised[i] - reference[i]) / reference[i]);
        }
        return new Result(n, settings, within, withinUnrefined, withinLoose, withinTight, refined, modelStops,
                decrementStops, unconverged, referenceCost, tightCost, looseCost, predictCost, refineCost, worst,
                evaluationCost, batchedEvaluationCost, batchedStraightCost, withinBatchedStraight,
                nets.batchedAmortiser(), chosen, quantiles(gapUnrefined), quantiles(gapRefined), crossing, newton);
    }

    /** The quantiles of {@link Result#unrefinedGaps}: median, 90%, 99%, max. */
    public static final double[] QUANTILES = {0.5, 0.9, 0.99, 1};

    /** The {@link #QUANTILES} of v (the order statistic at ⌈pn⌉; NaN sorts last). */
    static double[] quantiles(double[] v) {
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        double[] q = new double[QUANTILES.length];
        for (int j = 0; j < q.length; j++) {
            int k = (int) Math.ceil(QUANTILES[j] * sorted.length) - 1;
            q[j] = sorted[Math.max(0, Math.min(sorted.length - 1, k))];
        }
        return q;
    }

    /** The head (0 … heads − 1) with the lowest finite value among v[from …]; 0 when none is finite. */
    static int lowest(double[] v, int from, int heads) {
        int best = -1;
        for (int h = 0; h < heads; h++) {
            double x = v[from + h];
            if (Double.isFinite(x) && (best < 0 || x < v[from + best])) {
                best = h;
            }
        }
        return Math.max(best, 0);
    }

    /** The Newton side on the same pairs and predictions (its clock laps start now). */
    private static Newton newton(LagrangianKernels lagrangian, double[] theta, PathSolver.Options options,
                                 double[][] xs, double[][] ys, double[][] predicted, double tolerance,
                                 double[] reference, Clock clock) {
        if (!(lagrangian instanceof AccelerationKernels acc)) {
            return Newton.skipped(NewtonStatus.NO_ACCELERATION);
        }
        if (!LaneHessian.check(lagrangian, acc, theta)) {
            return Newton.skipped(NewtonStatus.NOT_KINETIC_PLUS_POTENTIAL);
        }
        int n = xs.length;
        int len = predicted[0].length;
        LanePathSolver solver = new LanePathSolver(lagrangian, options, acc);
        double[] straightAction = new double[n];
        clock.lap(0);
        Cost straight = clock.lap(straightSolves(solver, xs, ys, theta, new double[len], straightAction));
        LaneAction lanes = new LaneAction(lagrangian, options, NEWTON_LANES);
        lanes.setTheta(theta);
        LaneHessian hessian = new LaneHessian(lanes, acc);
        double[][] q = new double[n][];
        for (int i = 0; i < n; i++) {
            q[i] = predicted[i].clone();
        }
        double[] s = new double[n];
        double[][] gq = new double[n][len];
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        clock.lap(0);
        LaneNewton.Outcome out = new LaneNewton(lanes, hessian, CERTIFICATE * WITHIN, tolerance, NEWTON_STEPS)
                .run(all, xs, ys, q, s, gq);
        int[] rest = new int[n];
        int fallback = 0;
        int certified = 0;
        for (int i = 0; i < n; i++) {
            if (!out.status()[i].finished()) {
                rest[fallback++] = i;
            } else if (out.steps()[i] == 0) {
                certified++;
            }
        }
        long more = 0;
        if (fallback > 0) {
            LaneAction big = new LaneAction(lagrangian, options, LANES);
            big.setTheta(theta);
            LaneLbfgs.Outcome lb = new LaneLbfgs(big, options.samples(),
                    options.lbfgs().withGradientTolerance(tolerance), MODEL_GAP)
                    .run(java.util.Arrays.copyOf(rest, fallback), xs, ys, q, s, gq);
            for (int c = 0; c < fallback; c++) {
                s[rest[c]] = lb.values()[rest[c]];
            }
            more = lb.evaluations();
        }
        Cost refine = clock.lap(out.evaluations() + more);
        // The floor: one batched evaluation with its Hessian at every prediction.
        double[][] laneQ = new double[NEWTON_LANES][];
        double[][] laneG = new double[NEWTON_LANES][];
        double[] laneS = new double[NEWTON_LANES];
        for (int b0 = 0; b0 < n; b0 += NEWTON_LANES) {
            int m = Math.min(NEWTON_LANES, n - b0);
            for (int b = 0; b < m; b++) {
                lanes.setEnds(b, xs[b0 + b], ys[b0 + b]);
                laneQ[b] = predicted[b0 + b];
                laneG[b] = gq[b0 + b];
            }
            lanes.evaluate(m, laneQ, laneS, laneG);
            hessian.factor(m);
        }
        Cost floor = clock.lap(n);
        int within = 0;
        int withinStraight = 0;
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double bound = reference[i] * (1 + WITHIN);
            within += s[i] <= bound ? 1 : 0;
            withinStraight += straightAction[i] <= bound ? 1 : 0;
            worst = Math.max(worst, (s[i] - reference[i]) / reference[i]);
        }
        return new Newton(NewtonStatus.RUN, straight, withinStraight, refine, within, certified, out.totalSteps(),
                fallback, worst, floor);
    }

    /** The pairs of one {@link LaneAction} call. */
    public static final int LANES = 256;

    /** S and ∂S/∂q of every pair at a copy of its predicted path (into paths[i]), {@link #LANES} at a time. */
    private static void evaluateAll(LaneAction lanes, double[][] xs, double[][] ys, double[][] predicted,
                                    double[][] paths, double[] s, double[][] gq) {
        int n = xs.length;
        double[][] q = new double[LANES][];
        double[][] g = new double[LANES][];
        double[] v = new double[LANES];
        for (int b0 = 0; b0 < n; b0 += LANES) {
            int m = Math.min(LANES, n - b0);
            for (int b = 0; b < m; b++) {
                lanes.setEnds(b, xs[b0 + b], ys[b0 + b]);
                paths[b0 + b] = predicted[b0 + b].clone();
                q[b] = paths[b0 + b];
                g[b] = gq[b0 + b];
            }
            lanes.evaluate(m, q, v, g);
            System.arraycopy(v, 0, s, b0, m);
        }
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

    /** {@link #straightSolves} with the O(T) per-pair solver. */
    private static long straightSolves(LanePathSolver solver, double[][] xs, double[][] ys, double[] theta, double[] q,
                                       double[] out) {
        long evaluations = 0;
        for (int i = 0; i < xs.length; i++) {
            solver.set(xs[i], ys[i], theta);
            LanePathSolver.straight(xs[i], ys[i], solver.options().samples(), q);
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
