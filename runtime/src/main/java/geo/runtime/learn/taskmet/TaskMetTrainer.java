package geo.runtime.learn.taskmet;

import geo.runtime.api.BatchLossKernels;
import geo.runtime.api.FunctionKernels;
import geo.runtime.api.LossKernels;
import geo.runtime.optim.Adam;
import geo.runtime.optim.AdamW;
import geo.runtime.optim.ConjugateGradient;
import geo.runtime.optim.ImplicitGradient;
import geo.runtime.optim.LossHessian;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a predictor by MSE, DFL or TaskMet on the same data, predictor, initial parameters,
 * batches of the same sizes and the same early-stopping rule, and tests it (TaskMet's
 * {@code workspace.py::run}; Bansal, Chen, Mukadam &amp; Amos, NeurIPS 2023, Algorithm 1).
 *
 * <p>One outer iteration of TaskMet:
 * <ol>
 *   <li>inner solve: Adam (persistent state, rate {@code predictorRate}) on the Λ-weighted
 *       prediction loss ℓ_pred(θ, φ) = mean_rows (ŷ_θ − y)ᵀΛ_φ(ŷ_θ − y) over {@code predictionBatch}
 *       random training instances per step, the gradient clipped to norm {@code clip}, for
 *       {@code innerFirst} steps at iteration 0 and {@code inner} later, stopping when
 *       ‖∇_θ‖₂ &lt; {@code innerTolerance};</li>
 *   <li>the task loss ℓ_task(θ) = mean_i −f(z(ŷ_θ(x_i)), y_i) over {@code batch} random training
 *       instances, with the differentiable decisions, and b = ∂ℓ_task/∂θ through the decision's
 *       VJP and the predictor's;</li>
 *   <li>the implicit hypergradient dℓ_task/dφ = −(∂²ℓ_pred/∂φ∂θ) u with (HᵀH + ρI) u = Hᵀb,
 *       H = ∂²ℓ_pred/∂θ² over {@code implicitBatch} random instances, {@code cgIterations} CG
 *       iterations (torchopt's {@code solve_normal_cg}; {@link ImplicitGradient},
 *       {@link LossHessian});</li>
 *   <li>an Adam step (rate {@code metricRate}) on φ.</li>
 * </ol>
 * An MSE or DFL iteration is one Adam step on the predictor for the mean squared error, or for
 * −f(z(ŷ), y) + α·MSE, over {@code batch} random training instances. Every {@code validateEvery}
 * iterations each method's own outer loss is computed on the validation split (MSE: the MSE;
 * DFL: its loss; TaskMet: ℓ_task); the parameters of the lowest are kept and tested, and the run
 * stops when it has not improved for {@code patience} iterations. Validation decisions draw their
 * random solver starts from a fixed seed, so the criterion is deterministic in θ.
 */
public final class TaskMetTrainer {

    /** Receives each validation (for progress). */
    @FunctionalInterface
    public interface Listener {
        void validated(int iteration, double loss);
    }

    private final Problem problem;
    private final Split data;
    private final Networks nets;
    private final TaskMetOptions options;
    private final FunctionKernels predictor;
    private final LossKernels loss;
    private final int[] pIdx;
    private final int[] mIdx;
    /** The loss's batch kernel (null when the compiler emitted none) and its work rows. */
    private final BatchLossKernels batchLoss;
    private double[][] work;

    public TaskMetTrainer(Problem problem, Split data, Networks nets, TaskMetOptions options) {
        Instances t = data.train();
        if (nets.predictionLoss().descriptor().inputCount() != t.features() + t.targets()) {
            throw new IllegalArgumentException("the prediction loss takes " + nets.predictionLoss().descriptor().inputCount()
                    + " inputs; the problem has " + t.features() + " features and " + t.targets() + " targets per row");
        }
        this.problem = problem;
        this.data = data;
        this.nets = nets;
        this.options = options;
        this.predictor = (FunctionKernels) nets.predictor().copy();
        this.loss = (LossKernels) nets.predictionLoss().copy();
        this.pIdx = nets.predictorParameters();
        this.mIdx = nets.metricParameters();
        // The batch kernel pays off through its matrix loops: 2.6× faster on Portfolio's 27→500→1
        // networks, 0.7× on Cubic's few scalars (measured); the choice depends on the model only,
        // so a run's bits do not depend on timing.
        this.batchLoss = loss instanceof BatchLossKernels b && pIdx.length >= BATCH_MIN_PARAMETERS ? b : null;
    }

    /** Trains by {@code method} from the networks' θ₀ with the batches and starts drawn from {@code seed}. */
    public TaskMetResult run(Method method, long seed, Listener listener) {
        long start = System.nanoTime();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        SplittableRandom random = new SplittableRandom(seed);
        // A copy: Networks hands out its own array, and a trainer may run more than once (the Cubic plot).
        double[] theta = nets.initial().clone();
        double[] best = theta.clone();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestIt = 0;
        Adam predictorAdam = new Adam(pIdx.length, options.predictorRate());
        Adam metricAdam = new Adam(Math.max(1, mIdx.length), options.metricRate());
        double[] thetaP = gather(theta, pIdx);
        double[] phi = gather(theta, mIdx);
        List<double[]> trace = new ArrayList<>();
        TaskMetStatus status = TaskMetStatus.COMPLETED;
        String message = "ran all " + options.iterations() + " iterations";
        int done = 0;
        double[] phase = new double[PHASES];
        long mark = threads.getCurrentThreadCpuTime();
        for (int it = 0; it < options.iterations(); it++) {
            boolean ok;
            if (method == Method.TASKMET) {
                ok = innerSolve(theta, thetaP, predictorAdam, it == 0 ? options.innerFirst() : options.inner(), random);
                mark = lap(threads, mark, phase, INNER);
                if (ok) {
                    double[] hyper = hypergradient(theta, random, phase, threads);
                    mark = threads.getCurrentThreadCpuTime();
                    ok = hyper != null && metricAdam.step(phi, hyper);
                    scatter(phi, mIdx, theta);
                }
            } else {
                int[] batch = sample(data.train().count(), options.batch(), random);
                double[] g = new double[pIdx.length];
                if (method == Method.DFL) {
                    taskLoss(data.train(), batch, theta, g, 1, random);
                }
                mse(data.train(), batch, theta, g, method == Method.DFL ? options.dflAlpha() : 1);
                ok = predictorAdam.step(thetaP, g);
                scatter(thetaP, pIdx, theta);
                mark = lap(threads, mark, phase, INNER);
            }
            if (!ok) {
                status = TaskMetStatus.NON_FINITE;
                message = "a gradient became NaN or infinite at iteration " + it;
                break;
            }
            done++;
            if (it % options.validateEvery() == 0) {
                double v = validationLoss(method, theta, seed);
                mark = lap(threads, mark, phase, VALIDATION);
                trace.add(new double[] {it, v});
                if (listener != null) {
                    listener.validated(it, v);
                }
                if (!Double.isFinite(v)) {
                    status = TaskMetStatus.NON_FINITE;
                    message = "the validation loss is " + v + " at iteration " + it;
                    break;
                }
                if (v < bestLoss) {
                    bestLoss = v;
                    bestIt = it;
                    System.arraycopy(theta, 0, best, 0, theta.length);
                } else if (it - bestIt >= options.patience()) {
                    status = TaskMetStatus.STOPPED_EARLY;
                    message = "the validation loss has not improved for " + (it - bestIt) + " iterations";
                    break;
                }
            }
        }
        Instances test = data.test();
        double[][] yhat = new double[test.count()][];
        double se = 0;
        int count = 0;
        for (int i = 0; i < test.count(); i++) {
            yhat[i] = predict(test, i, best);
            for (int k = 0; k < yhat[i].length; k++) {
                double d = yhat[i][k] - test.y()[i][k];
                se += d * d;
                count++;
            }
        }
        DecisionQuality dq = DecisionQuality.evaluate(problem, test, yhat, seed ^ 0x5DEECE66DL);
        lap(threads, mark, phase, TEST);
        TaskMetProfile profile = new TaskMetProfile(phase[INNER], phase[TASK], phase[IMPLICIT], phase[VALIDATION],
                phase[TEST], (int) phase[SOLVES], phase[SOLVES] > 0 ? phase[RESIDUAL_SUM] / phase[SOLVES] : Double.NaN,
                phase[SOLVES] > 0 ? phase[RESIDUAL_MAX] : Double.NaN);
        double seconds = (System.nanoTime() - start) * 1e-9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) * 1e-9;
        return new TaskMetResult(status, message, dq, se / count, done, bestIt, seconds, cpu, best, trace, profile);
    }

    /** The inner Adam steps of TaskMet; false when a gradient was not finite. */
    private boolean innerSolve(double[] theta, double[] thetaP, Adam adam, int steps, SplittableRandom random) {
        double[] g = new double[pIdx.length];
        for (int s = 0; s < steps; s++) {
            int[] batch = sample(data.train().count(), options.predictionBatch(), random);
            predictionLoss(data.train(), batch, theta, g);
            double norm = AdamW.clipGlobalNorm(g, options.clip());
            if (!Double.isFinite(norm)) {
                return false;
            }
            if (norm < options.innerTolerance()) {
                break;
            }
            adam.step(thetaP, g);
            scatter(thetaP, pIdx, theta);
        }
        return true;
    }

    // Slots of the per-phase accounting array of run().
    private static final int INNER = 0;
    private static final int TASK = 1;
    private static final int IMPLICIT = 2;
    private static final int VALIDATION = 3;
    private static final int TEST = 4;
    private static final int SOLVES = 5;
    private static final int RESIDUAL_SUM = 6;
    private static final int RESIDUAL_MAX = 7;
    private static final int PHASES = 8;

    /** Adds the CPU time since {@code mark} to {@code phase[slot]}; returns the new mark. */
    private static long lap(java.lang.management.ThreadMXBean threads, long mark, double[] phase, int slot) {
        long now = threads.getCurrentThreadCpuTime();
        phase[slot] += (now - mark) * 1e-9;
        return now;
    }

    /** dℓ_task/dφ by the implicit function theorem on random batches, or null when not finite. */
    private double[] hypergradient(double[] theta, SplittableRandom random, double[] phase,
                                   java.lang.management.ThreadMXBean threads) {
        Instances train = data.train();
        int[] taskBatch = sample(train.count(), options.batch(), random);
        int[] implicit = sample(train.count(), options.implicitBatch(), random);
        ConjugateGradient.Settings cg = new ConjugateGradient.Settings(ConjugateGradient.Form.NORMAL,
                options.cgIterations(), Double.MIN_VALUE, options.cgRidge());
        long mark = threads.getCurrentThreadCpuTime();
        double[] b = new double[pIdx.length];
        taskLoss(train, taskBatch, theta, b, 1, random);
        mark = lap(threads, mark, phase, TASK);
        ImplicitGradient.Result r = implicitSolve(theta, b, implicit, cg);
        lap(threads, mark, phase, IMPLICIT);
        double rel = r.solve().relative();
        phase[SOLVES]++;
        phase[RESIDUAL_SUM] += rel;
        phase[RESIDUAL_MAX] = Math.max(phase[RESIDUAL_MAX], rel);
        for (double v : r.gradient()) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return r.gradient();
    }

    /**
     * dℓ_task/dφ = −(∂²ℓ_pred/∂φ∂θ) H⁻¹ ∂ℓ_task/∂θ at θ (an inner optimum for the formula to hold),
     * with ℓ_task over the training instances {@code taskBatch} and ℓ_pred over {@code implicitBatch}.
     */
    public ImplicitGradient.Result hypergradient(double[] theta, int[] taskBatch, int[] implicitBatch,
                                                 ConjugateGradient.Settings cg, SplittableRandom random) {
        double[] b = new double[pIdx.length];
        taskLoss(data.train(), taskBatch, theta, b, 1, random);
        return implicitSolve(theta, b, implicitBatch, cg);
    }

    /** −(∂²ℓ_pred/∂φ∂θ) H⁻¹ b with ℓ_pred over the training instances {@code implicitBatch}. */
    private ImplicitGradient.Result implicitSolve(double[] theta, double[] b, int[] implicitBatch,
                                                  ConjugateGradient.Settings cg) {
        Instances train = data.train();
        LossHessian h = new LossHessian(loss, rows(train, implicitBatch), train.features() + train.targets(), theta,
                pIdx, mIdx);
        return ImplicitGradient.hypergradient(h, b, new double[mIdx.length], cg);
    }

    private double validationLoss(Method method, double[] theta, long seed) {
        Instances val = data.validation();
        int[] all = new int[val.count()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        SplittableRandom fixed = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        return switch (method) {
            case MSE -> mse(val, all, theta, null, 1);
            case DFL -> taskLoss(val, all, theta, null, 1, fixed) + options.dflAlpha() * mse(val, all, theta, null, 1);
            case TASKMET -> taskLoss(val, all, theta, null, 1, fixed);
        };
    }

    /** ŷ of instance i: the predictor on each row. */
    public double[] predict(Instances s, int i, double[] theta) {
        int f = s.features();
        int d = s.targets();
        double[] in = new double[f];
        double[] out = new double[d];
        double[] yhat = new double[s.rows() * d];
        for (int r = 0; r < s.rows(); r++) {
            System.arraycopy(s.x()[i], r * f, in, 0, f);
            predictor.value(in, theta, out);
            System.arraycopy(out, 0, yhat, r * d, d);
        }
        return yhat;
    }

    /** gradP += (∂ŷ_i/∂θ_P)ᵀ ŷ̄. */
    private void predictorVjp(Instances s, int i, double[] theta, double[] yBar, double[] gradP) {
        int f = s.features();
        int d = s.targets();
        double[] in = new double[f];
        double[] outBar = new double[d];
        double[] inBar = new double[f];
        double[] thetaBar = new double[theta.length];
        for (int r = 0; r < s.rows(); r++) {
            System.arraycopy(s.x()[i], r * f, in, 0, f);
            System.arraycopy(yBar, r * d, outBar, 0, d);
            predictor.vjp(in, theta, outBar, inBar, thetaBar);
            for (int k = 0; k < pIdx.length; k++) {
                gradP[k] += thetaBar[pIdx[k]];
            }
        }
    }

    /**
     * w · mean_i −f(z(ŷ_i), y_i) over the batch; with {@code gradP} non-null, adds its gradient in
     * θ_P through the differentiable decisions.
     */
    public double taskLoss(Instances s, int[] batch, double[] theta, double[] gradP, double w,
                           SplittableRandom random) {
        double sum = 0;
        double[] fz = new double[problem.decisionSize()];
        for (int i : batch) {
            double[] yhat = predict(s, i, theta);
            Decision z = problem.decide(s, i, yhat, random);
            double[] zi = z.z();
            sum -= problem.objective(s, i, zi);
            if (gradP != null) {
                problem.objectiveGradient(s, i, zi, fz);
                for (int k = 0; k < fz.length; k++) {
                    fz[k] *= -w / batch.length;
                }
                predictorVjp(s, i, theta, z.vjp(fz), gradP);
            }
        }
        return w * sum / batch.length;
    }

    /** w · the mean squared error over all targets of the batch; with {@code gradP}, adds its gradient. */
    double mse(Instances s, int[] batch, double[] theta, double[] gradP, double w) {
        double sum = 0;
        int count = batch.length * s.rows() * s.targets();
        for (int i : batch) {
            double[] yhat = predict(s, i, theta);
            double[] yBar = new double[yhat.length];
            for (int k = 0; k < yhat.length; k++) {
                double d = yhat[k] - s.y()[i][k];
                sum += d * d;
                yBar[k] = 2 * w * d / count;
            }
            if (gradP != null) {
                predictorVjp(s, i, theta, yBar, gradP);
            }
        }
        return w * sum / count;
    }

    /**
     * The Λ-weighted prediction loss, mean over the rows of the batch; gradP overwritten with
     * ∂/∂θ_P. By the loss's batch kernel when it has one ({@link #predictionLoss(Instances, int[],
     * double[], double[], boolean)}).
     */
    public double predictionLoss(Instances s, int[] batch, double[] theta, double[] gradP) {
        return predictionLoss(s, batch, theta, gradP, true);
    }

    /**
     * As {@link #predictionLoss(Instances, int[], double[], double[])}; with {@code batched} and a
     * batch kernel (a loss with at least {@value #BATCH_MIN_PARAMETERS} predictor parameters), {@link BatchLossKernels#lossGradientBatch} over {@value #LANES} rows a call
     * (the rows summed in the same order as the per-row path, and both compute tanh as
     * {@code geo.runtime.api.Tanh}, so the two agree to rounding), otherwise {@link LossKernels#lossGradient} row by row.
     */
    public double predictionLoss(Instances s, int[] batch, double[] theta, double[] gradP, boolean batched) {
        int width = s.features() + s.targets();
        double[] rows = rows(s, batch);
        if (!batched || batchLoss == null) {
            double[] gOuter = new double[mIdx.length];
            return LossHessian.meanGradient(loss, rows, width, theta, pIdx, mIdx, gradP, gOuter);
        }
        int count = rows.length / width;
        if (work == null) {
            work = BatchLossKernels.work(batchLoss, LANES);
        }
        double[] g = new double[theta.length];
        int lossSlot = batchLoss.batchLossSlot();
        double sum = 0;
        for (int r0 = 0; r0 < count; r0 += LANES) {
            int n = Math.min(LANES, count - r0);
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < width; i++) {
                    work[i][b] = rows[(r0 + b) * width + i];
                }
            }
            batchLoss.lossGradientBatch(n, work, theta, g);
            for (int b = 0; b < n; b++) {
                sum += work[lossSlot][b];
            }
        }
        for (int k = 0; k < pIdx.length; k++) {
            gradP[k] = g[pIdx[k]] / count;
        }
        return sum / count;
    }

    /** The least predictor parameters for which the inner steps use the loss's batch kernel. */
    static final int BATCH_MIN_PARAMETERS = 256;

    /** Rows per call of the batch kernel (as {@code geo fit}'s; the kernel's loops run over them). */
    static final int LANES = 64;

    /** The loss inputs (x_row, y_row) of every row of the batch, row-major. */
    static double[] rows(Instances s, int[] batch) {
        int f = s.features();
        int d = s.targets();
        int width = f + d;
        double[] rows = new double[batch.length * s.rows() * width];
        int at = 0;
        for (int i : batch) {
            for (int r = 0; r < s.rows(); r++) {
                System.arraycopy(s.x()[i], r * f, rows, at, f);
                System.arraycopy(s.y()[i], r * d, rows, at + f, d);
                at += width;
            }
        }
        return rows;
    }

    /** min(k, n) distinct indices of 0 … n−1, uniformly (partial Fisher–Yates). */
    static int[] sample(int n, int k, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int m = Math.min(k, n);
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return java.util.Arrays.copyOf(a, m);
    }

    static double[] gather(double[] theta, int[] idx) {
        double[] out = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = theta[idx[k]];
        }
        return out;
    }

    static void scatter(double[] v, int[] idx, double[] theta) {
        for (int k = 0; k < idx.length; k++) {
            theta[idx[k]] = v[k];
        }
    }
}
