package geo.runtime.learn.lagrangian;

import geo.runtime.optim.Lbfgs;

/**
 * L-BFGS on many paths at once, in lockstep: every round evaluates the trial points of all
 * unfinished pairs in one {@link LaneAction} call (so the action's spline runs as loops over the
 * pairs), then each pair takes its own step. Per pair it is L-BFGS (Nocedal &amp; Wright 2006,
 * Algorithm 7.4: the two-loop recursion with m curvature pairs, H₀ = (sᵀy/yᵀy) I) in the
 * kinetic-preconditioned variables w = Lᵀq ({@link KineticChain}, as {@link PathSolver#refine}),
 * with a backtracking line search on the Armijo condition f(w + αd) ≤ f(w) + c₁α∇fᵀd (α = 1 first,
 * then the minimiser of the quadratic through f(w), ∇fᵀd and f(w + αd), kept in [α/10, α/2]) in
 * place of {@link Lbfgs}'s Wolfe search (a batch cannot wait for one pair's zoom); a pair whose
 * curvature sᵀy is not positive skips that update. The first direction is −∇f (unit length in w,
 * the kinetic Newton step). A pair stops when ‖∇f‖∞ ≤ the gradient tolerance (converged), when one
 * of the two optional gap estimates below is small enough, or when
 * its line search fails, its evaluations or iterations run out (not converged; its best point is
 * kept either way). The two estimates of the remaining relative gap (f − f*)/f, both at an accepted point:
 * <ul>
 *   <li>the kinetic decrement ½∇fᵀK⁻¹∇f/f = ½|∂f/∂w|₂²/f — the gap of the model f + ∇fᵀs + ½sᵀKs,
 *       K the kinetic Hessian (the identity in w); a bound of the true gap where f − ½qᵀKq is convex
 *       (f is then strongly convex with modulus 1 in w, so f − f* ≤ ½|∇f|²: the well), an
 *       overestimate where the potential curves upwards (the walls), a local model elsewhere;</li>
 *   <li>the L-BFGS model's −½∇fᵀd/f (d = −H∇f) — the curvature met so far, a local estimate.</li>
 * </ul>
 * Not thread-safe.
 */
final class LaneLbfgs {

    /** How a pair's run ended. */
    enum Status {
        /** ‖∇f‖∞ at most the gradient tolerance. */
        CONVERGED,
        /** The quasi-Newton model's predicted relative gap −½∇fᵀd/f at most {@code modelGap}. */
        MODEL_GAP,
        /** The kinetic decrement ½|∂f/∂w|₂²/f at most {@code decrementGap}. */
        DECREMENT,
        LINE_SEARCH_FAILED,
        BUDGET_EXHAUSTED
    }

    private static final double MIN_STEP = 1e-12;

    private final LaneAction action;
    private final KineticChain chain;
    private final Lbfgs.Settings settings;
    private final int n;
    private final int mem;
    private final double modelGap;
    private final double decrementGap;

    /**
     * @param action   the batch action (its θ set by the caller)
     * @param samples  T
     * @param settings memory, gradient tolerance, c₁, iteration and evaluation limits
     * @param modelGap  a pair also stops when, after an accepted step, the L-BFGS model predicts a
     *                  relative gap −½∇fᵀd/f (d = −H∇f, H the inverse-Hessian approximation) of at most
     *                  this — the model of the curvature met so far, a local estimate, not a bound; 0: never
     */
    LaneLbfgs(LaneAction action, int samples, Lbfgs.Settings settings, double modelGap) {
        this(action, samples, settings, modelGap, 0);
    }

    /**
     * @param decrementGap a pair also stops at an accepted point whose kinetic decrement ½|∂f/∂w|₂²/f is
     *                     at most this (see the class comment); 0: never
     */
    LaneLbfgs(LaneAction action, int samples, Lbfgs.Settings settings, double modelGap, double decrementGap) {
        this.modelGap = modelGap;
        this.decrementGap = decrementGap;
        this.action = action;
        this.chain = new KineticChain(samples - 2, 2, false);
        this.settings = settings;
        this.n = (samples - 2) * 2;
        this.mem = settings.memory();
    }

    /** The outcome over all pairs. */
    record Outcome(double[] values, Status[] status, long evaluations) {
    }

    /**
     * Minimises S for the pairs i in {@code active} from q[i] (modified: the final points), with
     * their action s[i] and gradient gq[i] at q[i] given (the caller's first evaluation, so it is
     * not repeated); the pairs' ends are xs[i], ys[i].
     */
    Outcome run(int[] active, double[][] xs, double[][] ys, double[][] q, double[] s, double[][] gq) {
        int count = active.length;
        double[][] w = new double[count][n];
        double[][] g = new double[count][n];
        double[][] d = new double[count][n];
        double[][] trial = new double[count][n];
        double[][] trialQ = new double[count][n];
        double[][] trialGq = new double[count][n];
        double[][] trialG = new double[count][n];
        double[][][] sMem = new double[count][mem][n];
        double[][][] yMem = new double[count][mem][n];
        double[][] rho = new double[count][mem];
        int[] stored = new int[count];
        int[] head = new int[count];
        double[] f = new double[count];
        double[] step = new double[count];
        double[] slope = new double[count];
        int[] iterations = new int[count];
        int[] evaluations = new int[count];
        double[] values = new double[q.length];
        Status[] status = new Status[q.length];
        double[] alpha = new double[mem];
        boolean[] done = new boolean[count];
        long total = 0;
        int live = 0;
        for (int c = 0; c < count; c++) {
            int i = active[c];
            chain.toW(q[i], w[c]);
            chain.pullGradient(gq[i], g[c]);
            f[c] = s[i];
            evaluations[c] = 1;
            if (!Double.isFinite(f[c]) || norm(g[c]) <= settings.gradientTolerance()) {
                done[c] = true;
                status[i] = Double.isFinite(f[c]) ? Status.CONVERGED : Status.LINE_SEARCH_FAILED;
                continue;
            }
            if (decrementGap > 0 && 0.5 * dot(g[c], g[c]) <= decrementGap * f[c]) {
                done[c] = true;
                status[i] = Status.DECREMENT;
                continue;
            }
            for (int k = 0; k < n; k++) {
                d[c][k] = -g[c][k];
            }
            slope[c] = dot(g[c], d[c]);
            step[c] = 1;
            live++;
        }
        int capacity = action.capacity();
        int[] lanes = new int[count];
        double[][] laneQ = new double[capacity][];
        double[][] laneG = new double[capacity][];
        double[] laneS = new double[capacity];
        while (live > 0) {
            int m = 0;
            for (int c = 0; c < count; c++) {
                if (!done[c]) {
                    lanes[m++] = c;
                    for (int k = 0; k < n; k++) {
                        trial[c][k] = w[c][k] + step[c] * d[c][k];
                    }
                    chain.toQ(trial[c], trialQ[c]);
                }
            }
            for (int b0 = 0; b0 < m; b0 += capacity) {
                int chunk = Math.min(capacity, m - b0);
                for (int b = 0; b < chunk; b++) {
                    int c = lanes[b0 + b];
                    int i = active[c];
                    action.setEnds(b, xs[i], ys[i]);
                    laneQ[b] = trialQ[c];
                    laneG[b] = trialGq[c];
                }
                action.evaluate(chunk, laneQ, laneS, laneG);
                for (int b = 0; b < chunk; b++) {
                    int c = lanes[b0 + b];
                    total++;
                    evaluations[c]++;
                    Status end = step(c, laneS[b], f, g, w, d, trial, trialGq[c], trialG[c], sMem, yMem, rho, stored,
                            head, step, slope, iterations, alpha);
                    if (end != null) {
                        done[c] = true;
                        live--;
                        status[active[c]] = end;
                    } else if (step[c] < MIN_STEP) {
                        done[c] = true;
                        live--;
                        status[active[c]] = Status.LINE_SEARCH_FAILED;
                    } else if (evaluations[c] >= settings.maxEvaluations()
                            || iterations[c] >= settings.maxIterations()) {
                        done[c] = true;
                        live--;
                        status[active[c]] = Status.BUDGET_EXHAUSTED;
                    }
                }
            }
        }
        for (int c = 0; c < count; c++) {
            int i = active[c];
            chain.toQ(w[c], q[i]);
            values[i] = f[c];
        }
        return new Outcome(values, status, total);
    }

    /**
     * Pair c's trial value ft (its q-gradient in gqt): accepts the step on the Armijo condition
     * (updating the memory and the next direction) or shortens it. The status when the accepted
     * point ends the run, else null.
     */
    private Status step(int c, double ft, double[] f, double[][] g, double[][] w, double[][] d, double[][] trial,
                         double[] gqt, double[] gt, double[][][] sMem, double[][][] yMem, double[][] rho,
                         int[] stored, int[] head, double[] step, double[] slope, int[] iterations, double[] alpha) {
        double a = step[c];
        if (!Double.isFinite(ft) || ft > f[c] + settings.c1() * a * slope[c]) {
            double next = Double.isFinite(ft) ? -slope[c] * a * a / (2 * (ft - f[c] - slope[c] * a)) : a / 10;
            step[c] = Math.min(a / 2, Math.max(a / 10, next));
            return null;
        }
        chain.pullGradient(gqt, gt);
        int k = head[c];
        double sy = 0;
        for (int j = 0; j < n; j++) {
            sy += (trial[c][j] - w[c][j]) * (gt[j] - g[c][j]);
        }
        if (sy > 0) {
            // Written only now: when the memory is full, slot k holds the oldest pair still in use.
            double[] sk = sMem[c][k];
            double[] yk = yMem[c][k];
            for (int j = 0; j < n; j++) {
                sk[j] = trial[c][j] - w[c][j];
                yk[j] = gt[j] - g[c][j];
            }
            rho[c][k] = 1 / sy;
            head[c] = (k + 1) % mem;
            stored[c] = Math.min(stored[c] + 1, mem);
        }
        System.arraycopy(trial[c], 0, w[c], 0, n);
        System.arraycopy(gt, 0, g[c], 0, n);
        f[c] = ft;
        iterations[c]++;
        if (norm(g[c]) <= settings.gradientTolerance()) {
            return Status.CONVERGED;
        }
        if (decrementGap > 0 && 0.5 * dot(g[c], g[c]) <= decrementGap * ft) {
            return Status.DECREMENT;
        }
        direction(c, g[c], d[c], sMem[c], yMem[c], rho[c], stored[c], head[c], alpha);
        slope[c] = dot(g[c], d[c]);
        if (stored[c] > 0 && slope[c] < 0 && -0.5 * slope[c] <= modelGap * ft) {
            return Status.MODEL_GAP;
        }
        if (!(slope[c] < 0)) {
            stored[c] = 0;
            for (int j = 0; j < n; j++) {
                d[c][j] = -g[c][j];
            }
            slope[c] = dot(g[c], d[c]);
        }
        step[c] = 1;
        return null;
    }

    /** d = −H∇f by the two-loop recursion over the stored pairs (newest first). */
    private void direction(int c, double[] grad, double[] dir, double[][] s, double[][] y, double[] rho, int stored,
                           int head, double[] alpha) {
        System.arraycopy(grad, 0, dir, 0, n);
        for (int t = 1; t <= stored; t++) {
            int k = Math.floorMod(head - t, mem);
            alpha[k] = rho[k] * dot(s[k], dir);
            axpy(-alpha[k], y[k], dir);
        }
        if (stored > 0) {
            int k = Math.floorMod(head - 1, mem);
            double gamma = 1 / (rho[k] * dot(y[k], y[k]));
            for (int j = 0; j < n; j++) {
                dir[j] *= gamma;
            }
        }
        for (int t = stored; t >= 1; t--) {
            int k = Math.floorMod(head - t, mem);
            double beta = rho[k] * dot(y[k], dir);
            axpy(alpha[k] - beta, s[k], dir);
        }
        for (int j = 0; j < n; j++) {
            dir[j] = -dir[j];
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double norm(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
