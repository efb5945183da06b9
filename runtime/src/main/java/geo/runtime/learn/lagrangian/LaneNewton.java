package geo.runtime.learn.lagrangian;

/**
 * Newton's method on many paths at once, in lockstep (as {@link LaneLbfgs}): every round evaluates
 * S_m, ∂S/∂q and the exact Hessian H ({@link LaneHessian}) at the trial points of all unfinished
 * pairs in one batch, then each pair decides on its own. Per pair it is damped Newton (Boyd &amp;
 * Vandenberghe, <i>Convex Optimization</i>, 2004, Alg. 9.5): the step δ = −H⁻¹∇S with the decrement
 * λ² = ∇SᵀH⁻¹∇S, a backtracking line search on the Armijo condition S(q + αδ) ≤ S(q) − c₁αλ² from
 * α = 1 (then the minimiser of the quadratic through S(q), −λ² and S(q + αδ), kept in [α/10, α/2]).
 *
 * <p>A pair stops
 * <ul>
 *   <li>{@link Status#CERTIFIED} when H is positive definite and the predicted relative gap of the
 *       Newton model ½λ²/S is at most {@code gap} — the local quadratic model's gap with the true
 *       curvature (S − min of the model); for S strongly convex with a Lipschitz Hessian the true gap
 *       is ½λ²(1 + O(λ)), and Newton's iterates converge quadratically there (B&amp;V §9.5.3). It is a
 *       model, not a bound where S is not convex beyond the step; the caller checks against a
 *       reference;</li>
 *   <li>{@link Status#CONVERGED} when ‖∂S/∂w‖∞ (the kinetic variables of {@link KineticChain}, the
 *       L-BFGS solvers' criterion) is at most {@code gradientTolerance};</li>
 *   <li>otherwise, not finished, at its current point (the last accepted one), for the caller's
 *       fallback: {@link Status#NOT_POSITIVE_DEFINITE} (no Newton step: H is not positive definite),
 *       {@link Status#STALLED} (after a full step the decrement did not fall, so the quadratic
 *       convergence that makes Newton pay is not there), {@link Status#LINE_SEARCH_FAILED},
 *       {@link Status#BUDGET_EXHAUSTED}.</li>
 * </ul>
 * Not thread-safe.
 */
final class LaneNewton {

    /** How a pair's run ended. */
    enum Status {
        CERTIFIED,
        CONVERGED,
        NOT_POSITIVE_DEFINITE,
        STALLED,
        LINE_SEARCH_FAILED,
        BUDGET_EXHAUSTED;

        /** Whether the pair is done (else its current point goes to the fallback). */
        boolean finished() {
            return this == CERTIFIED || this == CONVERGED;
        }
    }

    /** The Armijo constant c₁. */
    static final double C1 = 1e-4;

    private static final double MIN_STEP = 1e-8;

    private final LaneAction action;
    private final LaneHessian hessian;
    private final KineticChain chain;
    private final int n;
    private final double gap;
    private final double gradientTolerance;
    private final int maxIterations;

    /**
     * @param action            the batch action (θ set by the caller)
     * @param hessian           its Hessian
     * @param gap               the certificate's relative gap ½λ²/S (0: off)
     * @param gradientTolerance the stop on ‖∂S/∂w‖∞ (0: off)
     * @param maxIterations     the most Newton steps a pair
     */
    LaneNewton(LaneAction action, LaneHessian hessian, double gap, double gradientTolerance, int maxIterations) {
        this.action = action;
        this.hessian = hessian;
        int samples = action.samples();
        this.chain = new KineticChain(samples - 2, action.dimension(), false);
        this.n = (samples - 2) * action.dimension();
        this.gap = gap;
        this.gradientTolerance = gradientTolerance;
        this.maxIterations = maxIterations;
    }

    /** The outcome: per pair (indexed as q) its status and accepted Newton steps; the batch's evaluations. */
    record Outcome(Status[] status, int[] steps, long evaluations) {

        /** The accepted steps of all pairs. */
        long totalSteps() {
            long t = 0;
            for (int v : steps) {
                t += v;
            }
            return t;
        }
    }

    /**
     * Runs the pairs i in {@code active} from q[i] (modified: the final points), the ends xs[i], ys[i];
     * the final actions into s[i] and their q-gradients into gq[i] (as {@link LaneLbfgs#run} takes them,
     * for a fallback from there). The first round evaluates the start points themselves.
     */
    Outcome run(int[] active, double[][] xs, double[][] ys, double[][] q, double[] s, double[][] gq) {
        int count = active.length;
        double[][] trial = new double[count][n];
        double[][] trialG = new double[count][n];
        double[][] delta = new double[count][n];
        double[] gw = new double[n];
        double[] lambda2 = new double[count];
        double[] step = new double[count];
        int[] iterations = new int[count];
        boolean[] started = new boolean[count];
        boolean[] done = new boolean[count];
        Status[] status = new Status[q.length];
        int live = count;
        for (int c = 0; c < count; c++) {
            System.arraycopy(q[active[c]], 0, trial[c], 0, n);
        }
        int capacity = action.capacity();
        int[] lanes = new int[count];
        double[][] laneQ = new double[capacity][];
        double[][] laneG = new double[capacity][];
        double[] laneS = new double[capacity];
        long evaluations = 0;
        while (live > 0) {
            int m = 0;
            for (int c = 0; c < count; c++) {
                if (!done[c]) {
                    lanes[m++] = c;
                    if (started[c]) {
                        double[] qi = q[active[c]];
                        for (int k = 0; k < n; k++) {
                            trial[c][k] = qi[k] + step[c] * delta[c][k];
                        }
                    }
                }
            }
            for (int b0 = 0; b0 < m; b0 += capacity) {
                int chunk = Math.min(capacity, m - b0);
                for (int b = 0; b < chunk; b++) {
                    int c = lanes[b0 + b];
                    int i = active[c];
                    action.setEnds(b, xs[i], ys[i]);
                    laneQ[b] = trial[c];
                    laneG[b] = trialG[c];
                }
                action.evaluate(chunk, laneQ, laneS, laneG);
                hessian.factor(chunk);
                evaluations += chunk;
                for (int b = 0; b < chunk; b++) {
                    int c = lanes[b0 + b];
                    int i = active[c];
                    double ft = laneS[b];
                    if (started[c]) {
                        double a = step[c];
                        if (!Double.isFinite(ft) || ft > s[i] - C1 * a * lambda2[c]) {
                            double next = Double.isFinite(ft) ? lambda2[c] * a * a / (2 * (ft - s[i] + lambda2[c] * a))
                                    : a / 10;
                            step[c] = Math.min(a / 2, Math.max(a / 10, next));
                            if (step[c] < MIN_STEP) {
                                done[c] = true;
                                live--;
                                status[i] = Status.LINE_SEARCH_FAILED;
                            }
                            continue;
                        }
                        iterations[c]++;
                    } else if (!Double.isFinite(ft)) {
                        s[i] = ft;
                        done[c] = true;
                        live--;
                        status[i] = Status.LINE_SEARCH_FAILED;
                        continue;
                    }
                    boolean full = started[c] && step[c] == 1;
                    started[c] = true;
                    System.arraycopy(trial[c], 0, q[i], 0, n);
                    System.arraycopy(trialG[c], 0, gq[i], 0, n);
                    s[i] = ft;
                    Status end = decide(b, c, i, ft, gq[i], gw, delta[c], lambda2, full, iterations[c]);
                    if (end != null) {
                        done[c] = true;
                        live--;
                        status[i] = end;
                    } else {
                        step[c] = 1;
                    }
                }
            }
        }
        int[] steps = new int[q.length];
        for (int c = 0; c < count; c++) {
            steps[active[c]] = iterations[c];
        }
        return new Outcome(status, steps, evaluations);
    }

    /** At an accepted point: the stop, or null with the next Newton step in delta and its decrement in lambda2[c]. */
    private Status decide(int b, int c, int i, double f, double[] g, double[] gw, double[] delta, double[] lambda2,
                          boolean full, int iterations) {
        if (gradientTolerance > 0) {
            chain.pullGradient(g, gw);
            double max = 0;
            for (double v : gw) {
                max = Math.max(max, Math.abs(v));
            }
            if (max <= gradientTolerance) {
                return Status.CONVERGED;
            }
        }
        if (!hessian.positiveDefinite(b)) {
            return Status.NOT_POSITIVE_DEFINITE;
        }
        double previous = lambda2[c];
        double l2 = hessian.newtonStep(b, g, delta);
        lambda2[c] = l2;
        if (f > 0 && 0.5 * l2 <= gap * f) {
            return Status.CERTIFIED;
        }
        if (full && !(l2 < previous)) {
            return Status.STALLED;
        }
        if (iterations >= maxIterations) {
            return Status.BUDGET_EXHAUSTED;
        }
        return null;
    }
}
