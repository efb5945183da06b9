package geo.runtime.learn.population;

import geo.runtime.learn.Execution;
import geo.runtime.load.Model;
import geo.runtime.optim.AdamW;
import geo.runtime.transport.Assignment;
import geo.runtime.transport.ExactResult;
import geo.runtime.transport.OtStatus;
import geo.runtime.transport.TransportPlan;
import geo.runtime.transport.cost.CostMatrices;
import geo.runtime.transport.cost.CostResult;
import geo.runtime.transport.cost.PairCost;
import geo.runtime.transport.cost.PlanGradient;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Metric learning by the Lagrangian-OT method of Pooladian, Domingo-Enrich, Chen &amp; Amos ("Neural
 * optimal transport with Lagrangian costs", UAI 2024, §2(ii) of {@code lagrangian-ot.md}): the metric
 * θ minimises the mean over consecutive snapshot pairs of the transport cost between them,
 * <pre>  J(θ) = (1/K) Σ_k OT_{c_θ}(μ_k, μ_{k+1}),   ∇J = (1/K) Σ_k Σ_ij π*_ij ∇_θ c_θ(x_i, y_j),</pre>
 * the gradient by the envelope theorem (Danskin): at an optimal plan π* the plan's own dependence on
 * θ does not enter. The paper estimates OT by a neural dual (a potential g and a c-transform by
 * L-BFGS) and takes one AdamW step on the metric every 10 dual steps. Here the neural dual is
 * replaced by an <b>exact discrete OT</b> (the assignment problem, {@link Assignment}) between
 * subsamples of the snapshots on the same cost c_θ ({@link SegmentLengthCost}), recomputed every
 * {@link Options#planEvery()} metric steps; each step is AdamW (the paper's lr 5·10⁻³, weight decay
 * 10⁻⁴) on ∇J for the current plans ({@link CostMatrices#planGradient}).
 * <p>Two optional ends of training (not in the paper), both against the noise of a final iterate that
 * sits wherever the last plan switch left it: a <b>cosine learning-rate decay</b> to zero,
 * η_s = η₀ ½(1 + cos(π s / S)) (Loshchilov &amp; Hutter, "SGDR", ICLR 2017; optax's
 * {@code cosine_decay_schedule}), and <b>tail averaging</b> of the iterates, θ̄ = mean of θ after each of
 * the last ⌈a S⌉ steps (Polyak &amp; Juditsky 1992; Jain et al., "Parallelizing stochastic gradient
 * descent for least squares regression: mini-batching, averaging, and model misspecification", JMLR 2018).
 */
public final class LagrangianOt {

    private LagrangianOt() {
    }

    /**
     * Training settings.
     *
     * @param steps        metric steps (the paper: one every 10 of 3001 iterations after 50 warm-up, ≈ 295)
     * @param learningRate AdamW's rate (the paper's 5·10⁻³)
     * @param weightDecay  AdamW's decoupled weight decay (optax's default 10⁻⁴)
     * @param batch        points drawn (without replacement) from each snapshot for a plan; all when larger
     * @param planEvery    metric steps between two plan computations
     * @param pathPoints   T, points of each discrete path
     * @param schedule     the learning rate over the steps
     * @param averageTail  a ∈ [0, 1): the result is the mean of θ after each of the last ⌈a·steps⌉ steps
     *                     (0: the last θ)
     * @param execution    seed (initial θ, subsamples) and threads
     */
    public record Options(int steps, double learningRate, double weightDecay, int batch, int planEvery, int pathPoints,
                          Schedule schedule, double averageTail, Execution execution) {

        public static final int STEPS = 300;
        public static final double LEARNING_RATE = 5e-3;
        public static final double WEIGHT_DECAY = 1e-4;
        public static final int BATCH = 32;
        public static final int PLAN_EVERY = 5;

        /** The schedule's name ({@link Schedule#of}). */
        public static final String SCHEDULE_NAME = "constant";
        public static final Schedule SCHEDULE = Schedule.of(SCHEDULE_NAME);
        public static final double AVERAGE_TAIL = 0;

        public static final Options DEFAULTS = new Options(STEPS, LEARNING_RATE, WEIGHT_DECAY, BATCH, PLAN_EVERY,
                SegmentLengthCost.POINTS, SCHEDULE, AVERAGE_TAIL, Execution.DEFAULTS);

        public Options {
            if (steps < 0 || batch < 2 || planEvery < 1 || pathPoints < 2 || !(learningRate > 0) || weightDecay < 0
                    || schedule == null || !(averageTail >= 0 && averageTail < 1)) {
                throw new IllegalArgumentException("invalid Lagrangian-OT options " + this);
            }
        }

        public Options withSteps(int n) {
            return new Options(n, learningRate, weightDecay, batch, planEvery, pathPoints, schedule, averageTail,
                    execution);
        }

        public Options withBatch(int n) {
            return new Options(steps, learningRate, weightDecay, n, planEvery, pathPoints, schedule, averageTail,
                    execution);
        }

        public Options withSchedule(Schedule s, double tail) {
            return new Options(steps, learningRate, weightDecay, batch, planEvery, pathPoints, s, tail, execution);
        }

        public Options withExecution(Execution e) {
            return new Options(steps, learningRate, weightDecay, batch, planEvery, pathPoints, schedule, averageTail, e);
        }

        /** The number of last steps whose iterates are averaged (0: none, the last θ is the result). */
        public int averagedSteps() {
            return (int) Math.ceil(averageTail * steps);
        }

        /** The learning rate of step s (0-based) of {@link #steps()}. */
        public double learningRate(int s) {
            return switch (schedule) {
                case CONSTANT -> learningRate;
                case COSINE -> learningRate * 0.5 * (1 + Math.cos(Math.PI * s / steps));
            };
        }
    }

    /** The learning rate over the metric steps. */
    public enum Schedule {
        /** η₀ at every step (the paper). */
        CONSTANT,
        /** η₀ ½(1 + cos(π s / S)): from η₀ down to 0 at the end. */
        COSINE;

        /** The schedule named constant or cosine. */
        public static Schedule of(String name) {
            return switch (name) {
                case "constant" -> CONSTANT;
                case "cosine" -> COSINE;
                default -> throw new IllegalArgumentException("unknown learning-rate schedule '" + name
                        + "'; use constant or cosine");
            };
        }
    }

    /** Why training ended. */
    public enum Status {
        /** All steps ran. */
        DONE,
        /** A cost matrix, a plan or a gradient failed; θ is the last good one. */
        FAILED
    }

    /**
     * A run's outcome.
     *
     * @param status  DONE or FAILED
     * @param theta   the learned parameters
     * @param losses  J after each plan computation (the mean exact OT cost on that plan's subsamples)
     * @param message why it failed (empty when DONE)
     */
    public record Result(Status status, double[] theta, double[] losses, String message) {
    }

    /** Learns θ of {@code model} (a planar metric) from the snapshots; families are merged as lagrangian-ot does. */
    public static Result train(Model model, Snapshots data, Options options, Listener listener) {
        List<Snapshots.Pair> pairs = data.merged().pairs();
        int k = pairs.size();
        long seed = options.execution().seed();
        int threads = options.execution().threads();
        double[] theta = Initial.draw(model.descriptor(), model.defaultParameters(), seed);
        SplittableRandom random = new SplittableRandom(seed);
        PairCost cost = new SegmentLengthCost(model, options.pathPoints());
        AdamW adam = new AdamW(theta.length, options.learningRate(), options.weightDecay());
        double[][][] xs = new double[k][][];
        double[][][] ys = new double[k][][];
        TransportPlan[] plans = new TransportPlan[k];
        List<Double> losses = new ArrayList<>();
        double[] grad = new double[theta.length];
        int averaged = options.averagedSteps();
        double[] mean = new double[theta.length];
        for (int step = 0; step < options.steps(); step++) {
            if (step % options.planEvery() == 0) {
                double total = 0;
                for (int i = 0; i < k; i++) {
                    xs[i] = subsample(pairs.get(i).source(), options.batch(), random);
                    ys[i] = subsample(pairs.get(i).target(), options.batch(), random);
                    CostResult c = CostMatrices.build(cost, xs[i], ys[i], theta, threads);
                    if (!(c instanceof CostResult.Built built)) {
                        return failed(theta, losses, "pair " + i + ": " + ((CostResult.Failed) c).summary());
                    }
                    ExactResult r = Assignment.solve(built.matrix());
                    if (r.status() != OtStatus.OPTIMAL) {
                        return failed(theta, losses, "pair " + i + ": the assignment is " + r.status());
                    }
                    plans[i] = r.plan();
                    total += r.cost();
                }
                losses.add(total / k);
                listener.planned(step, total / k);
            }
            java.util.Arrays.fill(grad, 0);
            for (int i = 0; i < k; i++) {
                PlanGradient g = CostMatrices.planGradient(cost, xs[i], ys[i], theta, plans[i], threads);
                if (!g.ok()) {
                    return failed(theta, losses, "pair " + i + ": " + g.failures().get(0));
                }
                for (int j = 0; j < grad.length; j++) {
                    grad[j] += g.theta()[j] / k;
                }
            }
            double[] before = theta.clone();
            adam.learningRate(options.learningRate(step));
            if (!adam.step(theta, grad)) {
                return failed(before, losses, "a non-finite gradient at step " + step);
            }
            int n = step - (options.steps() - averaged) + 1;
            if (n >= 1) {
                // the running mean of the last iterates (n-th of them)
                for (int j = 0; j < theta.length; j++) {
                    mean[j] += (theta[j] - mean[j]) / n;
                }
            }
        }
        double[] result = averaged > 0 ? mean : theta;
        return new Result(Status.DONE, result, losses.stream().mapToDouble(Double::doubleValue).toArray(), "");
    }

    private static Result failed(double[] theta, List<Double> losses, String message) {
        return new Result(Status.FAILED, theta, losses.stream().mapToDouble(Double::doubleValue).toArray(), message);
    }

    /** n points drawn without replacement (all of them, in order, when n ≥ the snapshot's size). */
    static double[][] subsample(double[][] points, int n, SplittableRandom random) {
        if (n >= points.length) {
            return points;
        }
        int[] idx = geo.runtime.learn.Seeds.identity(points.length);
        geo.runtime.learn.Seeds.shuffle(idx, random);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = points[idx[i]];
        }
        return out;
    }

    /** Told of progress. */
    public interface Listener {
        /** A plan computation at this step, with J on it. */
        void planned(int step, double loss);

        Listener NONE = (s, l) -> { };
    }
}
