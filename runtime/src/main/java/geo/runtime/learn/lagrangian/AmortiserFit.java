package geo.runtime.learn.lagrangian;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.AdamW;
import geo.runtime.transport.cost.DiscreteAction;
import java.util.SplittableRandom;

/**
 * A longer fit of the spline amortiser a(x, y) for new pairs (our addition to Pooladian et al.
 * 2024, whose amortiser only follows the training): at the final θ of the Lagrangian, on fresh
 * pairs x ~ source, y ~ target every step, a regression of the predicted interior points q onto
 * their kinetic-Newton target
 * <pre>
 *   t = q − K⁻¹ ∂S/∂q,      loss = (1/B) Σ ½ |q − t|²   (t held fixed),
 * </pre>
 * K the kinetic Hessian of the discrete action ({@link KineticChain}, K = LLᵀ), so the loss's
 * gradient in q is the preconditioned gradient K⁻¹∂S/∂q = L⁻ᵀ ∂S/∂w. Its fixed points are the
 * stationary paths (∂S/∂q = 0); unlike the paper's loss, the mean action (whose gradient ∂S/∂q
 * has the kinetic part's condition number, about 4(T − 1)²/π² ≈ 146 for T = 20), every mode of
 * the path is corrected at the same rate. Adam with global-norm clip, the rate decaying along a
 * cosine to 1% of its start. Deterministic for a seed; single-threaded.
 *
 * <p>With {@link Options#targets} N &gt; 0 the fit is instead a regression on N solved minimal paths
 * ({@link AmortiserDistillation}, its {@link Options#loss}), optionally followed by
 * {@link Options#fineTune} steps of the fit above.
 */
public final class AmortiserFit {

    /**
     * @param steps the Adam steps
     * @param batch the fresh pairs a step
     * @param rate  the start rate (the cosine decays it to 1% of this)
     * @param clip  the global-norm clip of a step's gradient
     * @param relax the losing heads' total weight in the winner-takes-all loss (K &gt; 1 only)
     * @param targets  N, the minimal paths solved for the regression of {@link AmortiserDistillation}
     *                 (then {@code steps} are its steps); 0: the fit above alone (the default)
     * @param loss     the regression's error (with N &gt; 0)
     * @param fineTune steps of the fit above after the regression (with N &gt; 0; the default 0)
     */
    public record Options(int steps, int batch, double rate, double clip, double relax, int targets,
                          AmortiserDistillation.Loss loss, int fineTune) {

        /** The default steps. */
        public static final int STEPS = 8000;

        /** The default total weight of the losing heads. */
        public static final double RELAX = 0.05;

        /**
         * {@value #STEPS} steps of 64 pairs, rate 1e-3, clip 1 (the training's amortiser rate and clip),
         * losers' weight {@value #RELAX}.
         */
        public static final Options DEFAULTS = new Options(STEPS, 64, 1e-3, 1, RELAX);

        public Options {
            if (steps < 0 || batch < 1 || !(rate > 0) || !(clip > 0) || !(relax >= 0 && relax <= 1)) {
                throw new IllegalArgumentException("steps must be non-negative, the batch, rate and clip positive, "
                        + "the losers' weight in [0, 1]");
            }
            if (targets < 0 || fineTune < 0 || loss == null || (targets == 0 && fineTune > 0)) {
                throw new IllegalArgumentException("the targets and fine-tune steps must be non-negative, a loss "
                        + "given, and a fine-tune needs targets; got " + targets + ", " + fineTune);
            }
        }

        /** The action-gap fit alone (no distillation: no targets, no fine-tune) with these settings. */
        public Options(int steps, int batch, double rate, double clip, double relax) {
            this(steps, batch, rate, clip, relax, 0, AmortiserDistillation.Loss.KINETIC, 0);
        }

        public Options withSteps(int n) {
            return new Options(n, batch, rate, clip, relax, targets, loss, fineTune);
        }

        /** The regression on n solved paths with {@code error}, then {@code tune} steps of the action-gap fit. */
        public Options withTargets(int n, AmortiserDistillation.Loss error, int tune) {
            return new Options(steps, batch, rate, clip, relax, n, error, tune);
        }
    }

    /**
     * What the fit did: its CPU and wall seconds, and the mean over its last 10% of steps of
     * ½|∂S/∂w|²/S at the predicted paths (the winning head's: the action gap a kinetic-Newton step
     * predicts, relative), and how often each head won over those steps' pairs. With a distillation
     * ({@link Options#targets} &gt; 0): {@code steps} are the fine-tune's (0 without one), the times
     * are the whole fit's (the solves, the regression and the fine-tune), the gap is the fine-tune's
     * or, without one, the distillation's {@link AmortiserDistillation.Summary#checkPredicted}, and
     * {@code distillation} says what it did ({@link AmortiserDistillation.Summary#notRun} otherwise).
     */
    public record Result(int steps, double wallSeconds, double cpuSeconds, double finalPredictedGap, long[] wins,
                         AmortiserDistillation.Summary distillation) {
    }

    private AmortiserFit() {
    }

    /** Fits the amortiser of {@code nets} in place at the Lagrangian's θ on pairs of {@code task}. */
    public static Result run(Task task, LagrangianKernels lagrangian, double[] theta, PathSolver.Options paths,
                             Networks nets, Options options, long seed) {
        if (options.targets() == 0) {
            return actionFit(task, lagrangian, theta, paths, nets, options, seed);
        }
        AmortiserDistillation.Summary d = AmortiserDistillation.run(task, lagrangian, theta, paths, nets, options,
                seed);
        double wall = d.solveWall() + d.fitWall();
        double cpu = d.solveCpu() + d.fitCpu();
        if (options.fineTune() == 0) {
            return new Result(0, wall, cpu, d.checkPredicted(), new long[nets.heads(paths.samples())], d);
        }
        Result tune = actionFit(task, lagrangian, theta, paths, nets, options.withSteps(options.fineTune()), seed);
        return new Result(tune.steps(), wall + tune.wallSeconds(), cpu + tune.cpuSeconds(), tune.finalPredictedGap(),
                tune.wins(), d);
    }

    /** The fit of the class comment (the regression onto the kinetic-Newton targets). */
    private static Result actionFit(Task task, LagrangianKernels lagrangian, double[] theta,
                                    PathSolver.Options paths, Networks nets, Options options, long seed) {
        long wall0 = System.nanoTime();
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = bean.getCurrentThreadCpuTime();
        SplittableRandom random = new SplittableRandom(seed * 104_729 + 31);
        DiscreteAction action = paths.action(lagrangian);
        KineticChain chain = new KineticChain(paths.samples() - 2, 2, false);
        int na = nets.amortiserTheta().length;
        AdamW adam = new AdamW(na, options.rate(), 0.9, 0.999, 1e-8, 0);
        double[] grad = new double[na];
        double[] scratch = new double[na];
        int nq = action.freeCount();
        int heads = nets.heads(paths.samples());
        double[] all = new double[heads * nq];
        double[] bar = new double[heads * nq];
        double[] q = new double[nq];
        double[][] gq = new double[heads][nq];
        double[] value = new double[heads];
        double[] gw = new double[nq];
        double[] step = new double[nq];
        double[] x = new double[2];
        double[] y = new double[2];
        long[] wins = new long[heads];
        double gapSum = 0;
        int gapCount = 0;
        int tail = options.steps() - Math.max(1, options.steps() / 10);
        for (int s = 0; s < options.steps(); s++) {
            adam.learningRate(options.rate() * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * s / options.steps()))));
            java.util.Arrays.fill(grad, 0);
            for (int i = 0; i < options.batch(); i++) {
                task.sampleSource(random, x);
                task.sampleTarget(random, y);
                nets.headPaths(x, y, paths.samples(), all);
                action.setProblem(x, y, theta);
                int winner = -1;
                for (int h = 0; h < heads; h++) {
                    System.arraycopy(all, h * nq, q, 0, nq);
                    value[h] = action.evaluate(q, gq[h], null, null, null);
                    if (Double.isFinite(value[h]) && (winner < 0 || value[h] < value[winner])) {
                        winner = h;
                    }
                }
                if (winner < 0) {
                    continue;
                }
                java.util.Arrays.fill(bar, 0);
                for (int h = 0; h < heads; h++) {
                    if (!Double.isFinite(value[h])) {
                        continue;
                    }
                    double weight = heads == 1 ? 1 : h == winner ? 1 : options.relax() / (heads - 1);
                    chain.pullGradient(gq[h], gw);
                    if (h == winner && s >= tail) {
                        double g2 = 0;
                        for (double v : gw) {
                            g2 += v * v;
                        }
                        gapSum += 0.5 * g2 / value[h];
                        gapCount++;
                        wins[h]++;
                    }
                    chain.toQ(gw, step);
                    for (int k = 0; k < nq; k++) {
                        bar[h * nq + k] = weight * step[k] / options.batch();
                    }
                }
                nets.pathBackward(x, y, bar, grad, scratch);
            }
            AdamW.clipGlobalNorm(grad, options.clip());
            adam.step(nets.amortiserTheta(), grad);
        }
        long cpu = bean.getCurrentThreadCpuTime() - cpu0;
        return new Result(options.steps(), (System.nanoTime() - wall0) * 1e-9, cpu * 1e-9,
                gapCount == 0 ? Double.NaN : gapSum / gapCount, wins, AmortiserDistillation.Summary.notRun());
    }
}
