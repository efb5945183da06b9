package geo.runtime.learn.lagrangian;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.AdamW;
import geo.runtime.optim.OptimResult;
import geo.runtime.transport.cost.DiscreteAction;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The spline amortiser fitted by regression on solved minimal paths (distillation; our addition,
 * issue 19 — Pooladian et al. 2024 fit it by the mean action along the training): N pairs
 * x ~ source, y ~ target are solved tightly, each by the lowest of {@link PathSolver#STARTS}
 * L-BFGS solves from the straight line and the arcs of {@link PathSolver#start} (the O(T) solver,
 * {@link LanePathSolver}, to the path solver's tolerance; so the target lies in the lowest-action
 * homotopy class the starts find), then the amortiser's interior points q(x, y) are regressed onto
 * the solved q* by Adam on
 * <pre>
 *   MSE:      loss = (1/B) Σ ½ |δ|²,                 δ = q(x, y) − q*(x, y),
 *   KINETIC:  loss = (1/B) Σ ½ δᵀ(K⊗I₂)δ = (1/B) Σ ½ Σ_{k=0}^{T−2} |δ_{k+1} − δ_k|²   (δ₀ = δ_{T−1} = 0),
 * </pre>
 * K = tridiag(−1, 2, −1) the kinetic Hessian of the discrete action S = Σ L(x_k, Δ_k) with
 * L = ½|v|² + …, so the kinetic loss is the second-order action gap S(q* + δ) − S(q*) ≈ ½ δᵀ∇²S δ
 * without the potential's part (the quadratic model of the gap at a minimum; Nocedal &amp; Wright,
 * Numerical Optimization, 2nd ed., §2.2). The batches walk through the targets in a fresh random
 * order each epoch; the rate decays along a cosine to 1% of its start, global-norm clip, as
 * {@link AmortiserFit}. For K heads, winner-takes-all on the loss (losers weighted
 * {@link AmortiserFit.Options#relax} in all). Deterministic for a seed; single-threaded.
 */
public final class AmortiserDistillation {

    /** The regression's error. */
    public enum Loss {
        /** ½|δ|², every interior coordinate alike. */
        MSE,
        /** ½δᵀ(K⊗I)δ, the kinetic part of the action gap. */
        KINETIC
    }

    /** Whether the distillation ran. */
    public enum Status {
        /** It ran; the figures are its own. */
        RUN,
        /** Not asked for (the action fit alone); every figure is 0. */
        NOT_RUN
    }

    /**
     * What the distillation did.
     *
     * @param status        whether it ran
     * @param targets       the pairs solved
     * @param loss          the regression's error
     * @param steps         the Adam steps of the regression
     * @param solveCpu      this thread's CPU seconds of the solves
     * @param solveWall     their wall seconds
     * @param evaluations   evaluations of S over all the solves (every start's)
     * @param fromArc       targets whose lowest action came from an arc start, the straight line's solve
     *                      ending more than {@link AmortisationBenchmark#WITHIN} above it (relative)
     * @param fitCpu        this thread's CPU seconds of the regression and its check
     * @param fitWall       their wall seconds
     * @param finalLoss     the batch loss, mean over the last 10% of steps
     * @param checkPairs    the targets of the check (the first min(N, {@value #CHECK}); they were fitted on)
     * @param checkSquare   at the end, mean over the check pairs of |δ|²/(T − 2) (squared distance a point)
     * @param checkGap      at the end, the median over the check pairs of (S(q) − S(q*))/S(q*)
     * @param checkPredicted at the end, mean over the check pairs of the kinetic decrement ½|∂S/∂w|₂²/S at q
     */
    public record Summary(Status status, int targets, Loss loss, int steps, double solveCpu, double solveWall,
                          long evaluations, int fromArc, double fitCpu, double fitWall, double finalLoss, int checkPairs,
                          double checkSquare, double checkGap, double checkPredicted) {

        /** No distillation. */
        public static Summary notRun() {
            return new Summary(Status.NOT_RUN, 0, Loss.KINETIC, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    /** The most targets of the final check. */
    public static final int CHECK = 1000;

    /** The solved targets: ends and interior points, and what solving them cost. */
    record Targets(double[][] xs, double[][] ys, double[][] q, double[] action, double cpu, double wall,
                   long evaluations, int fromArc) {
    }

    private AmortiserDistillation() {
    }

    /**
     * Solves {@code options.targets()} pairs of {@code task} and fits the amortiser of {@code nets} in
     * place onto them for {@code options.steps()} steps of {@code options.batch()} pairs.
     */
    public static Summary run(Task task, LagrangianKernels lagrangian, double[] theta, PathSolver.Options paths,
                              Networks nets, AmortiserFit.Options options, long seed) {
        if (options.targets() < 1) {
            throw new IllegalArgumentException("distillation needs at least one target, got " + options.targets());
        }
        SplittableRandom random = new SplittableRandom(seed * 7_919 + 17);
        Targets t = solve(task, lagrangian, theta, paths, options.targets(), random);
        return fit(lagrangian, theta, paths, nets, options, t, random);
    }

    /** n pairs of the task solved as the class comment says (the pairs drawn from {@code random}). */
    static Targets solve(Task task, LagrangianKernels lagrangian, double[] theta, PathSolver.Options paths, int n,
                         SplittableRandom random) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long wall0 = System.nanoTime();
        long cpu0 = bean.getCurrentThreadCpuTime();
        PathSolver starts = new PathSolver(lagrangian, paths);
        LanePathSolver solver = new LanePathSolver(lagrangian, paths);
        int nq = 2 * (paths.samples() - 2);
        double[][] xs = new double[n][2];
        double[][] ys = new double[n][2];
        double[][] q = new double[n][];
        double[] action = new double[n];
        double[] trial = new double[nq];
        long evaluations = 0;
        int fromArc = 0;
        for (int i = 0; i < n; i++) {
            task.sampleSource(random, xs[i]);
            task.sampleTarget(random, ys[i]);
            solver.set(xs[i], ys[i], theta);
            double best = Double.NaN;
            double straight = Double.NaN;
            int bestStart = -1;
            for (int k = 0; k < PathSolver.STARTS; k++) {
                starts.start(k, xs[i], ys[i], trial);
                OptimResult r = solver.refine(trial);
                evaluations += r.evaluations();
                straight = k == 0 ? r.value() : straight;
                if (Double.isFinite(r.value()) && (bestStart < 0 || r.value() < best)) {
                    best = r.value();
                    bestStart = k;
                    q[i] = trial.clone();
                }
            }
            if (bestStart < 0) {
                // No finite solve: the straight line stands (its loss is then the plain distance to it).
                q[i] = new double[nq];
                LanePathSolver.straight(xs[i], ys[i], paths.samples(), q[i]);
            }
            action[i] = best;
            fromArc += bestStart > 0 && !(straight <= best * (1 + AmortisationBenchmark.WITHIN)) ? 1 : 0;
        }
        return new Targets(xs, ys, q, action, (bean.getCurrentThreadCpuTime() - cpu0) * 1e-9,
                (System.nanoTime() - wall0) * 1e-9, evaluations, fromArc);
    }

    /** Fits the amortiser onto solved targets (the class comment's regression) and checks it. */
    static Summary fit(LagrangianKernels lagrangian, double[] theta, PathSolver.Options paths, Networks nets,
                       AmortiserFit.Options options, Targets t, SplittableRandom random) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long wall0 = System.nanoTime();
        long cpu0 = bean.getCurrentThreadCpuTime();
        int n = t.xs().length;
        int samples = paths.samples();
        int nq = 2 * (samples - 2);
        int heads = nets.heads(samples);
        int na = nets.amortiserTheta().length;
        AdamW adam = new AdamW(na, options.rate(), 0.9, 0.999, 1e-8, 0);
        double[] grad = new double[na];
        double[] scratch = new double[na];
        double[] all = new double[heads * nq];
        double[] bar = new double[heads * nq];
        double[] delta = new double[nq];
        double[][] weighted = new double[heads][nq];
        double[] lossH = new double[heads];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        int next = 0;
        int tail = options.steps() - Math.max(1, options.steps() / 10);
        double tailLoss = 0;
        int tailCount = 0;
        for (int s = 0; s < options.steps(); s++) {
            adam.learningRate(options.rate() * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * s / options.steps()))));
            Arrays.fill(grad, 0);
            double batchLoss = 0;
            for (int b = 0; b < options.batch(); b++) {
                if (next == n) {
                    shuffle(order, random);
                    next = 0;
                }
                int i = order[next++];
                nets.headPaths(t.xs()[i], t.ys()[i], samples, all);
                int winner = 0;
                for (int h = 0; h < heads; h++) {
                    for (int k = 0; k < nq; k++) {
                        delta[k] = all[h * nq + k] - t.q()[i][k];
                    }
                    lossH[h] = weigh(options.loss(), delta, weighted[h]);
                    winner = lossH[h] < lossH[winner] ? h : winner;
                }
                batchLoss += lossH[winner];
                for (int h = 0; h < heads; h++) {
                    double weight = heads == 1 || h == winner ? 1 : options.relax() / (heads - 1);
                    for (int k = 0; k < nq; k++) {
                        bar[h * nq + k] = weight * weighted[h][k] / options.batch();
                    }
                }
                nets.pathBackward(t.xs()[i], t.ys()[i], bar, grad, scratch);
            }
            if (s >= tail) {
                tailLoss += batchLoss / options.batch();
                tailCount++;
            }
            AdamW.clipGlobalNorm(grad, options.clip());
            adam.step(nets.amortiserTheta(), grad);
        }
        // The check: the fitted paths against their targets, on the first targets.
        int m = Math.min(n, CHECK);
        DiscreteAction action = paths.action(lagrangian);
        KineticChain chain = new KineticChain(samples - 2, 2, false);
        double[] q = new double[nq];
        double[] gq = new double[nq];
        double[] gw = new double[nq];
        double[] gaps = new double[m];
        double square = 0;
        double predicted = 0;
        for (int i = 0; i < m; i++) {
            nets.headPaths(t.xs()[i], t.ys()[i], samples, all);
            action.setProblem(t.xs()[i], t.ys()[i], theta);
            double lowest = Double.POSITIVE_INFINITY;
            for (int h = 0; h < heads; h++) {
                double v = action.evaluate(Arrays.copyOfRange(all, h * nq, (h + 1) * nq), null, null, null, null);
                if (v < lowest || h == 0) {
                    lowest = v;
                    System.arraycopy(all, h * nq, q, 0, nq);
                }
            }
            double s = action.evaluate(q, gq, null, null, null);
            double d2 = 0;
            for (int k = 0; k < nq; k++) {
                double d = q[k] - t.q()[i][k];
                d2 += d * d;
            }
            square += d2 / (samples - 2);
            gaps[i] = (s - t.action()[i]) / t.action()[i];
            predicted += chain.predictedGap(s, gq, gw);
        }
        Arrays.sort(gaps);
        double median = m == 0 ? 0 : gaps[(m - 1) / 2];
        return new Summary(Status.RUN, n, options.loss(), options.steps(), t.cpu(), t.wall(), t.evaluations(),
                t.fromArc(), (bean.getCurrentThreadCpuTime() - cpu0) * 1e-9, (System.nanoTime() - wall0) * 1e-9,
                tailCount == 0 ? 0 : tailLoss / tailCount, m, m == 0 ? 0 : square / m, median,
                m == 0 ? 0 : predicted / m);
    }

    /**
     * The loss of residual δ (interior points, x/y interleaved) and its gradient into {@code out}:
     * MSE ½|δ|² (gradient δ), KINETIC ½δᵀ(K⊗I)δ (gradient (K⊗I)δ, K = tridiag(−1, 2, −1) with the
     * fixed ends' residuals 0).
     */
    static double weigh(Loss loss, double[] delta, double[] out) {
        int points = delta.length / 2;
        double value = 0;
        for (int j = 0; j < points; j++) {
            for (int c = 0; c < 2; c++) {
                double d = delta[2 * j + c];
                double g = d;
                if (loss == Loss.KINETIC) {
                    double before = j > 0 ? delta[2 * (j - 1) + c] : 0;
                    double after = j + 1 < points ? delta[2 * (j + 1) + c] : 0;
                    g = 2 * d - before - after;
                }
                out[2 * j + c] = g;
                value += 0.5 * d * g;
            }
        }
        return value;
    }

    /** Fisher–Yates with {@code random}. */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int v = a[i];
            a[i] = a[j];
            a[j] = v;
        }
    }
}
