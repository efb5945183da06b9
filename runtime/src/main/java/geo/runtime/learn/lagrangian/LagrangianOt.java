package geo.runtime.learn.lagrangian;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.AdamW;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.OptimResult;
import geo.runtime.transport.cost.DiscreteAction;
import java.util.SplittableRandom;

/**
 * Training of the neural Lagrangian OT of Pooladian, Domingo-Enrich, Chen &amp; Amos (UAI 2024,
 * {@code neuraldual.py::ManifoldW2NeuralDual}, {@code train_ot.py}; §2(i)c of
 * {@code shared/experiments/lagrangian-ot.md}) at a size for 2 cores. Each step, with fresh
 * batches x ~ source, y ~ target and (M, τ) annealed ({@link Task}):
 * <ol>
 *   <li>the c-transform ŷ(x) = argmin_y c(x, y) − g(y) by L-BFGS from (T(x), a(x, T(x)))
 *       ({@link CTransform});</li>
 *   <li>the dual D = mean_x [c(x, ŷ) − g(ŷ)] + mean_y g(y), ŷ held fixed (envelope theorem), and
 *       the loss −D + mean_x |T(x) − ŷ(x)|², whose θ-gradient is mean ∇_θ g(ŷ) − mean ∇_θ g(y) +
 *       mean 2(T(x) − ŷ)ᵀ∇_θ T(x); AdamW (β = 0.9, 0.999, decay 1e-4), global-norm clip 5,
 *       cosine decay of the rate to 1e-4 of its start;</li>
 *   <li>one amortiser step on the pairs (x, ŷ): the loss mean S(x, a(x, ŷ), ŷ) (the discrete
 *       action of the predicted path), Adam with global-norm clip 1; every {@code refitEvery}
 *       steps {@code refitSteps} more on fresh pairs, half (x, T(x)) and half random, and an initial fit on random
 *       source–target pairs.</li>
 * </ol>
 * Deterministic for a seed. Single-threaded.
 */
public final class LagrangianOt {

    /**
     * Sizes and rates of a run. The paper's values are in brackets on each field.
     *
     * @param steps             training steps [10001]
     * @param batch             source and target points per step [1024]
     * @param annealSteps       A of the annealing [2000]
     * @param learningRate      AdamW's start rate for g and T [5e-5]
     * @param weightDecay       AdamW's decay [1e-4]
     * @param clip              global-norm clip of g and T [5]
     * @param cIterations       L-BFGS iterations of a c-transform [20]
     * @param amortiserRate     Adam's rate for the amortiser [1e-4]
     * @param amortiserClip     its global-norm clip [1]
     * @param amortiserBatch    pairs per amortiser fit step [the batch]
     * @param initialFit        steps of the initial amortiser fit [≤ 5001, early stop]
     * @param refitEvery        refit period [25]
     * @param refitSteps        steps of a refit [≤ 5001, early stop]
     * @param seed              the seed of initial values and batches
     */
    public record Options(int steps, int batch, int annealSteps, double learningRate, double weightDecay, double clip,
                          int cIterations, double amortiserRate, double amortiserClip, int amortiserBatch,
                          int initialFit, int refitEvery, int refitSteps, long seed) {

        /** Default training steps. */
        public static final int STEPS = 1000;
        /** Default annealing length. */
        public static final int ANNEAL_STEPS = 400;
        /** Default batch. */
        public static final int BATCH = 128;

        /** The reduced protocol for 2 cores (see the example's README for each reduction). */
        public static final Options DEFAULTS = new Options(STEPS, BATCH, ANNEAL_STEPS, 3e-3, 1e-4, 5, 20, 1e-3, 1, 64, 300, 25,
                40, 0);

        public Options {
            if (steps < 1 || batch < 1 || annealSteps < 1 || cIterations < 0 || amortiserBatch < 1 || initialFit < 0
                    || refitEvery < 1 || refitSteps < 0) {
                throw new IllegalArgumentException("steps, batch, annealSteps, amortiserBatch and refitEvery must be "
                        + "positive, the iteration counts non-negative");
            }
            if (!(learningRate > 0) || !(amortiserRate > 0) || !(clip > 0) || !(amortiserClip > 0)
                    || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("rates and clips must be positive, the decay non-negative");
            }
        }

        public Options withSeed(long s) {
            return new Options(steps, batch, annealSteps, learningRate, weightDecay, clip, cIterations, amortiserRate,
                    amortiserClip, amortiserBatch, initialFit, refitEvery, refitSteps, s);
        }

        public Options withSteps(int n, int anneal) {
            return new Options(n, batch, anneal, learningRate, weightDecay, clip, cIterations, amortiserRate,
                    amortiserClip, amortiserBatch, initialFit, refitEvery, refitSteps, seed);
        }

        public Options withBatch(int b) {
            return new Options(steps, b, annealSteps, learningRate, weightDecay, clip, cIterations, amortiserRate,
                    amortiserClip, b, initialFit, refitEvery, refitSteps, seed);
        }
    }

    /** One logged step: the dual estimate of the OT cost, the regression error and the amortiser's mean action. */
    public record StepLog(int step, double magnitude, double dual, double regression, double amortisedAction,
                          double meanCIterations) {
    }

    private final Task task;
    private final LagrangianKernels lagrangian;
    private final LagrangianTheta schedule;
    private final Networks nets;
    private final Options options;
    private final PathSolver.Options pathOptions;

    /**
     * @param schedule θ of the Lagrangian for a step (the annealed M and τ in the model's slots)
     */
    public LagrangianOt(Task task, LagrangianKernels lagrangian, LagrangianTheta schedule, Networks nets,
                        Options options, PathSolver.Options pathOptions) {
        if (nets.amortiserOutputs() != 2 * (pathOptions.samples() - 2)) {
            throw new IllegalArgumentException("the amortiser gives " + nets.amortiserOutputs() + " values; a path of "
                    + pathOptions.samples() + " points has " + 2 * (pathOptions.samples() - 2) + " interior coordinates");
        }
        this.task = task;
        this.lagrangian = lagrangian;
        this.schedule = schedule;
        this.nets = nets;
        this.options = options;
        this.pathOptions = pathOptions;
    }

    /** θ of the Lagrangian at a training step. */
    @FunctionalInterface
    public interface LagrangianTheta {
        double[] at(int step);
    }

    /** Trains the networks in place; {@code log} (may be null) receives a line every {@code logEvery} steps. */
    public void train(java.util.function.Consumer<StepLog> log, int logEvery) {
        SplittableRandom random = new SplittableRandom(options.seed() * 7919 + 17);
        DiscreteAction action = pathOptions.action(lagrangian);
        CTransform ct = new CTransform(action, nets, task);
        Lbfgs lbfgs = new Lbfgs(Lbfgs.Settings.defaults().withMaxIterations(options.cIterations())
                .withMaxEvaluations(4 * options.cIterations() + 4).withGradientTolerance(1e-5));
        int nd = nets.dualTheta().length;
        int na = nets.amortiserTheta().length;
        AdamW dualOpt = new AdamW(nd, options.learningRate(), 0.9, 0.999, 1e-8, options.weightDecay());
        AdamW amortOpt = new AdamW(na, options.amortiserRate(), 0.9, 0.999, 1e-8, 0);
        double[] dualGrad = new double[nd];
        double[] scratchD = new double[nd];
        double[] amortGrad = new double[na];
        double[] scratchA = new double[na];
        int b = options.batch();
        double[][] xs = new double[b][2];
        double[][] ys = new double[b][2];
        double[][] yHat = new double[b][2];
        double[] z = new double[ct.size()];
        double[] q = new double[action.freeCount()];
        double[] tx = new double[2];
        double[] outBar = new double[2];
        Fit fit = new Fit(action, amortGrad, scratchA, q);
        double[] theta0 = schedule.at(0);
        for (int s = 0; s < options.initialFit(); s++) {
            fit.begin();
            for (int i = 0; i < options.amortiserBatch(); i++) {
                task.sampleSource(random, tx);
                task.sampleTarget(random, outBar);
                fit.add(tx, outBar, theta0, 1.0 / options.amortiserBatch());
            }
            fit.step(amortOpt);
        }
        for (int step = 0; step < options.steps(); step++) {
            double[] theta = schedule.at(step);
            double lr = options.learningRate() * (1e-4 + (1 - 1e-4) * 0.5
                    * (1 + Math.cos(Math.PI * step / options.steps())));
            dualOpt.learningRate(lr);
            java.util.Arrays.fill(dualGrad, 0);
            double dual = 0;
            double regression = 0;
            long iterations = 0;
            for (int i = 0; i < b; i++) {
                task.sampleSource(random, xs[i]);
                task.sampleTarget(random, ys[i]);
                nets.map(xs[i], tx);
                z[z.length - 2] = Math.max(task.lower(), Math.min(task.upper(), tx[0]));
                z[z.length - 1] = Math.max(task.lower(), Math.min(task.upper(), tx[1]));
                yHat[i][0] = z[z.length - 2];
                yHat[i][1] = z[z.length - 1];
                nets.path(xs[i], yHat[i], pathOptions.samples(), q);
                System.arraycopy(q, 0, z, 0, q.length);
                ct.set(xs[i], theta);
                OptimResult r = ct.solve(lbfgs, z);
                iterations += r.iterations();
                yHat[i][0] = z[z.length - 2];
                yHat[i][1] = z[z.length - 1];
                nets.gGradient(yHat[i], 1.0 / b, null, dualGrad, scratchD);
                dual += r.value() / b;
                double gy = nets.gGradient(ys[i], -1.0 / b, null, dualGrad, scratchD);
                dual += gy / b;
                outBar[0] = 2 * (tx[0] - yHat[i][0]) / b;
                outBar[1] = 2 * (tx[1] - yHat[i][1]) / b;
                regression += ((tx[0] - yHat[i][0]) * (tx[0] - yHat[i][0])
                        + (tx[1] - yHat[i][1]) * (tx[1] - yHat[i][1])) / b;
                nets.mapBackward(xs[i], outBar, dualGrad, scratchD);
            }
            AdamW.clipGlobalNorm(dualGrad, options.clip());
            dualOpt.step(nets.dualTheta(), dualGrad);
            // One amortiser step on the conjugate pairs (x, ŷ) (update_on_conjugates).
            fit.begin();
            int m = Math.min(b, options.amortiserBatch());
            for (int i = 0; i < m; i++) {
                fit.add(xs[i], yHat[i], theta, 1.0 / m);
            }
            double amortised = fit.step(amortOpt);
            if ((step + 1) % options.refitEvery() == 0 && step < options.steps() - options.steps() / 10) {
                for (int s = 0; s < options.refitSteps(); s++) {
                    fit.begin();
                    for (int i = 0; i < options.amortiserBatch(); i++) {
                        task.sampleSource(random, xs[0]);
                        nets.map(xs[0], tx);
                        if (i % 2 == 1) {
                            // Half the refit pairs are random source-target pairs, so that the amortiser
                            // also predicts paths off the map (our addition; the paper refits on (x, T(x))).
                            task.sampleTarget(random, tx);
                        }
                        tx[0] = Math.max(task.lower(), Math.min(task.upper(), tx[0]));
                        tx[1] = Math.max(task.lower(), Math.min(task.upper(), tx[1]));
                        fit.add(xs[0], tx, theta, 1.0 / options.amortiserBatch());
                    }
                    fit.step(amortOpt);
                }
            }
            if (log != null && (step % logEvery == 0 || step == options.steps() - 1)) {
                log.accept(new StepLog(step, theta.length > 0 ? theta[0] : 0, dual, regression, amortised,
                        (double) iterations / b));
            }
        }
    }

    /** One amortiser step's accumulation: the mean action of the predicted paths and its θ-gradient. */
    private final class Fit {
        private final DiscreteAction action;
        private final double[] grad;
        private final double[] scratch;
        private final double[] q;
        private final double[] gq;
        private double loss;

        Fit(DiscreteAction action, double[] grad, double[] scratch, double[] q) {
            this.action = action;
            this.grad = grad;
            this.scratch = scratch;
            this.q = q.clone();
            this.gq = new double[q.length];
        }

        void begin() {
            java.util.Arrays.fill(grad, 0);
            loss = 0;
        }

        void add(double[] x, double[] y, double[] theta, double w) {
            nets.path(x, y, pathOptions.samples(), q);
            action.setProblem(x, y, theta);
            double s = action.evaluate(q, gq, null, null, null);
            if (!Double.isFinite(s)) {
                return;
            }
            loss += w * s;
            for (int k = 0; k < gq.length; k++) {
                gq[k] *= w;
            }
            nets.pathBackward(x, y, gq, grad, scratch);
        }

        double step(AdamW opt) {
            AdamW.clipGlobalNorm(grad, options.amortiserClip());
            opt.step(nets.amortiserTheta(), grad);
            return loss;
        }
    }
}
