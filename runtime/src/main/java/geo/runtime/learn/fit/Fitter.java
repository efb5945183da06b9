package geo.runtime.learn.fit;

import geo.runtime.api.LossKernels;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.data.table.DataSet;
import geo.runtime.learn.EpochLoop;
import geo.runtime.learn.Seeds;
import geo.runtime.learn.Stopping;
import geo.runtime.learn.TrainingListener;
import geo.runtime.learn.TrainingStatus;
import geo.runtime.optim.AdamW;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.OptimResult;
import geo.runtime.optim.Status;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Fits the parameters θ of a compiled loss to a data set: minimises the mean over rows
 * L(θ) = (1/N) Σᵢ ℓ(inᵢ; θ) of the per-row loss ℓ ({@link LossKernels#lossGradient}), whose inputs
 * are the data columns bound by name ({@link geo.runtime.data.table.Columns}) and fresh noise draws.
 *
 * <ul>
 *   <li><b>Adam and AdamW</b> ({@link AdamW}; decoupled weight decay, Loshchilov &amp; Hutter 2019):
 *       every epoch shuffles the training rows and takes one step per batch on the batch mean's
 *       gradient, clipped to a global norm ({@link AdamW#clipGlobalNorm}), at the rate of the
 *       {@link geo.runtime.learn.Schedule} for that step.</li>
 *   <li><b>L-BFGS</b> ({@link Lbfgs}): full batch, one iteration (a strong-Wolfe line search) per
 *       epoch; converged when its gradient or relative-decrease test passes. Noise inputs take one
 *       fixed draw per row, so the objective the line search sees is deterministic.</li>
 * </ul>
 * Validation rows (a given set, or a seeded fraction of the training rows) give the loss that
 * early stopping watches and the epoch restored at the end ({@link EpochLoop}); without them the
 * training loss is watched. Sums over rows are deterministic for any thread count
 * ({@link BatchEvaluator}). Randomness comes from the run's seed only: the split, then each
 * epoch's shuffle from one {@link SplittableRandom}, and the noise of (seed, epoch, row)
 * ({@link NoiseDraws}). The initial θ is the caller's (the model's defaults or saved parameters).
 *
 * <p>A NaN or infinite loss or gradient stops the fit with {@link FitStatus#NON_FINITE} and the
 * epoch, batch and {@code file:line} of the first such row; no step is ever taken with it, and the
 * result's θ is the last good one: for Adam and AdamW the θ before the last step (the last at which
 * a batch's loss and gradient were finite), for L-BFGS the last accepted point. It is not the best
 * epoch's: an epoch's training loss is a running mean over its batches and does not certify the
 * θ at its end.
 */
public final class Fitter {

    /** L-BFGS's convergence test on ‖∇L‖∞ in a fit. */
    public static final double LBFGS_GRADIENT_TOLERANCE = 1e-10;

    private final LossKernels loss;
    private final FitOptions options;
    private final ModelDescriptor descriptor;

    /**
     * @param loss    the compiled loss (this instance serves the calling thread; workers get copies)
     * @param options the settings
     */
    public Fitter(LossKernels loss, FitOptions options) {
        this.loss = loss;
        this.options = options;
        this.descriptor = loss.descriptor();
    }

    /** Fits without a listener. */
    public FitResult fit(DataSet train, Optional<DataSet> validation, double[] theta) {
        return fit(train, validation, theta, TrainingListener.none());
    }

    /**
     * Fits θ (a copy of {@code start} is trained; {@code start} is not modified).
     *
     * @param train      the training rows (all of them when the options split off a validation fraction)
     * @param validation a validation set, or empty (then {@link Validation#fraction()} decides)
     * @param listener   told about every epoch, on this thread
     * @throws IllegalArgumentException when the rows do not have the loss's input count, θ has the
     *                                  wrong length, or a set has too few rows for the split
     */
    public FitResult fit(DataSet train, Optional<DataSet> validation, double[] start,
                         TrainingListener<? super FitEpoch> listener) {
        long t0 = System.nanoTime();
        int width = descriptor.inputCount();
        if (start.length != descriptor.parameterCount()) {
            throw new IllegalArgumentException(descriptor.name() + " has " + descriptor.parameterCount()
                    + " parameters, the start has " + start.length);
        }
        SplittableRandom random = Seeds.random(options.execution());
        DataSet trainRows = train;
        DataSet validationRows = validation.orElse(null);
        double fraction = options.validation().fraction();
        if (validationRows != null && fraction > 0) {
            throw new IllegalArgumentException("give a validation set or a validation fraction, not both");
        }
        if (fraction > 0) {
            int n = train.rows();
            int held = (int) Math.max(1, Math.ceil(fraction * n));
            if (held >= n) {
                throw new IllegalArgumentException("a validation fraction of " + fraction + " leaves no rows to train on ("
                        + n + " rows)");
            }
            int[] order = Seeds.identity(n);
            Seeds.shuffle(order, random);
            int[] v = Arrays.copyOfRange(order, 0, held);
            int[] t = Arrays.copyOfRange(order, held, n);
            Arrays.sort(v);
            Arrays.sort(t);
            validationRows = train.subset(v);
            trainRows = train.subset(t);
        }
        for (DataSet d : validationRows == null ? List.of(trainRows) : List.of(trainRows, validationRows)) {
            if (d.width() != width) {
                throw new IllegalArgumentException(d.source() + ": rows of " + d.width() + " inputs, " + descriptor.name()
                        + " takes " + width);
            }
            if (d.rows() == 0) {
                throw new IllegalArgumentException(d.source() + ": no rows");
            }
        }
        double[] theta = start.clone();
        try (BatchEvaluator evaluator = new BatchEvaluator(loss, width, theta.length,
                new NoiseDraws(descriptor.inputs()), options.execution().seed(), options.execution().threads())) {
            Run run = options.optimisation().method() == Optimisation.Method.LBFGS
                    ? new FullBatch(evaluator, trainRows, validationRows, theta)
                    : new MiniBatch(evaluator, trainRows, validationRows, theta, random);
            // L-BFGS's accepted points decrease the training loss at every step, so without validation
            // rows the last is the best; comparing losses equal to rounding would only return a point
            // with a larger gradient.
            Stopping stopping = run instanceof FullBatch && validationRows == null
                    ? options.stopping().withRestoreBest(false) : options.stopping();
            EpochLoop.Outcome<FitEpoch> outcome = EpochLoop.run(run, stopping, listener);
            int kept = outcome.kept();
            String message = outcome.message();
            if (run.nonFinite != null && run.lastGood != null) {
                message = run.failure + "; returning the parameters before the last step, the last at which the "
                        + "loss and its gradient were finite";
                // The epoch loop restored its best epoch, but the end of an epoch is not certified
                // finite (its training loss is a running mean); the last θ at which the loss and
                // gradient were evaluated finite is.
                System.arraycopy(run.lastGood, 0, theta, 0, theta.length);
                kept = 0;
            }
            FitStatus status = run.nonFinite != null ? FitStatus.NON_FINITE
                    : run.stalled ? FitStatus.STALLED
                    : run.converged ? FitStatus.CONVERGED
                    : outcome.status() == TrainingStatus.CONVERGED ? FitStatus.STOPPED_EARLY
                    : outcome.status() == TrainingStatus.FAILED ? FitStatus.NON_FINITE
                    : FitStatus.EPOCH_LIMIT;
            return new FitResult(status, message, theta, kept, outcome.history(),
                    Optional.ofNullable(run.nonFinite), trainRows.rows(),
                    validationRows == null ? 0 : validationRows.rows(), (System.nanoTime() - t0) * 1e-9);
        }
    }

    /** What both methods share: θ, the data, the validation pass and the epoch's numbers. */
    private abstract class Run implements EpochLoop.Task<FitEpoch> {
        final BatchEvaluator evaluator;
        final DataSet train;
        final DataSet validation;
        final double[] theta;
        final int[] trainOrder;
        final int[] validationOrder;
        FitResult.NonFinite nonFinite;
        /** θ before the last step: the last θ at which everything evaluated was finite (null: θ never moved to an unchecked point). */
        double[] lastGood;
        String failure;
        boolean stalled;
        boolean converged;
        String convergedMessage;
        long epochStart;
        double trainLoss;
        OptionalDouble validationLoss = OptionalDouble.empty();
        double rate;

        Run(BatchEvaluator evaluator, DataSet train, DataSet validation, double[] theta) {
            this.evaluator = evaluator;
            this.train = train;
            this.validation = validation;
            this.theta = theta;
            this.trainOrder = Seeds.identity(train.rows());
            this.validationOrder = validation == null ? null : Seeds.identity(validation.rows());
            this.rate = options.optimisation().learningRate();
        }

        /** The validation loss at θ into {@link #validationLoss}; a failure message when it is not finite. */
        Optional<String> validate(int epoch) {
            validationLoss = OptionalDouble.empty();
            if (validation == null) {
                return Optional.empty();
            }
            evaluator.loss(validation, validationOrder, 0, validation.rows(), theta, NoiseDraws.VALIDATION);
            if (evaluator.firstBad >= 0 || !Double.isFinite(evaluator.lossSum)) {
                int k = Math.max(0, evaluator.firstBad);
                return fail(epoch, 0, validation.where(k), "the validation loss is not finite ("
                        + evaluator.lossSum + ")");
            }
            validationLoss = OptionalDouble.of(evaluator.lossSum / validation.rows());
            return Optional.empty();
        }

        Optional<String> fail(int epoch, int batch, String where, String what) {
            nonFinite = new FitResult.NonFinite(epoch, batch, where, what);
            trainLoss = Double.NaN;
            failure = "epoch " + epoch + ": " + (batch > 0 ? "batch " + batch + ": " : "") + what
                    + (where.isEmpty() ? "" : " at " + where) + "; no step was taken with it";
            return Optional.of(failure);
        }

        @Override
        public FitEpoch stats(int epoch) {
            return new FitEpoch(epoch, trainLoss, validationLoss, rate, (System.nanoTime() - epochStart) * 1e-9);
        }

        @Override
        public List<double[]> state() {
            return List.of(theta);
        }

        @Override
        public Optional<String> converged() {
            return converged || stalled ? Optional.of(convergedMessage) : Optional.empty();
        }
    }

    /** Adam or AdamW on shuffled mini-batches. */
    private final class MiniBatch extends Run {
        private final SplittableRandom random;
        private final AdamW steps;
        private final double[] gradient;
        private final int batch;
        private final long totalSteps;
        private long step;

        MiniBatch(BatchEvaluator evaluator, DataSet train, DataSet validation, double[] theta, SplittableRandom random) {
            super(evaluator, train, validation, theta);
            this.random = random;
            Optimisation o = options.optimisation();
            this.steps = new AdamW(theta.length, o.learningRate(), o.weightDecay());
            this.gradient = new double[theta.length];
            this.lastGood = theta.clone();
            this.batch = Math.min(o.batchSize(), train.rows());
            this.totalSteps = (long) options.stopping().maxEpochs() * ((train.rows() + batch - 1) / batch);
        }

        @Override
        public Optional<String> epoch(int epoch) {
            epochStart = System.nanoTime();
            Seeds.shuffle(trainOrder, random);
            double sum = 0;
            int n = train.rows();
            Optimisation o = options.optimisation();
            for (int from = 0, b = 1; from < n; from += batch, b++) {
                int count = Math.min(batch, n - from);
                evaluator.gradient(train, trainOrder, from, count, theta, epoch);
                if (evaluator.firstBad >= 0) {
                    int row = trainOrder[from + evaluator.firstBad];
                    return fail(epoch, b, train.where(row), "the loss is " + rowLoss(row, epoch));
                }
                double[] g = evaluator.gradientSum;
                double scale = 1.0 / count;
                boolean finite = true;
                for (int i = 0; i < g.length; i++) {
                    gradient[i] = g[i] * scale;
                    finite &= Double.isFinite(gradient[i]);
                }
                if (!finite) {
                    int k = evaluator.firstNonFiniteGradient(train, trainOrder, from, count, theta, epoch);
                    return fail(epoch, b, k >= 0 ? train.where(trainOrder[from + k]) : "",
                            "the gradient of the loss is not finite");
                }
                sum += evaluator.lossSum;
                if (o.clipNorm() != Optimisation.CLIP_NORM) {
                    AdamW.clipGlobalNorm(gradient, o.clipNorm());
                }
                System.arraycopy(theta, 0, lastGood, 0, theta.length);
                rate = o.learningRate() * options.schedule().factor(step, totalSteps);
                steps.learningRate(rate);
                steps.step(theta, gradient);
                step++;
            }
            trainLoss = sum / n;
            return validate(epoch);
        }

        /** ℓ at one row, for the message of a non-finite loss. */
        private double rowLoss(int row, long stream) {
            evaluator.loss(train, new int[] {row}, 0, 1, theta, stream);
            return evaluator.lossSum;
        }
    }

    /** L-BFGS on the full training set, one iteration an epoch. */
    private final class FullBatch extends Run {
        private final Lbfgs lbfgs;
        private Lbfgs.Run run;

        FullBatch(BatchEvaluator evaluator, DataSet train, DataSet validation, double[] theta) {
            super(evaluator, train, validation, theta);
            int epochs = options.stopping().maxEpochs();
            this.lbfgs = new Lbfgs(Lbfgs.Settings.defaults().withMaxIterations(epochs)
                    .withMaxEvaluations((int) Math.min(Integer.MAX_VALUE, 50L * epochs + 100))
                    .withGradientTolerance(LBFGS_GRADIENT_TOLERANCE));
        }

        /** L(θ) and ∇L, or NaN when a row's loss or the gradient is not finite. */
        private double objective(double[] x, double[] g) {
            int n = train.rows();
            evaluator.gradient(train, trainOrder, 0, n, x, NoiseDraws.FIXED);
            if (evaluator.firstBad >= 0) {
                return Double.NaN;
            }
            for (int i = 0; i < g.length; i++) {
                g[i] = evaluator.gradientSum[i] / n;
            }
            return evaluator.lossSum / n;
        }

        @Override
        public Optional<String> epoch(int epoch) {
            epochStart = System.nanoTime();
            if (run == null) {
                run = lbfgs.start(this::objective, theta);
            }
            if (run.result().isEmpty()) {
                run.iterate();
            }
            trainLoss = run.value();
            Optional<OptimResult> end = run.result();
            if (end.isPresent()) {
                OptimResult r = end.get();
                if (r.status() == Status.NON_FINITE) {
                    if (run.iterations() == 0) {
                        evaluator.loss(train, trainOrder, 0, train.rows(), theta, NoiseDraws.FIXED);
                        int k = evaluator.firstBad;
                        if (k >= 0) {
                            return fail(epoch, 1, train.where(k), "the loss is not finite at the start");
                        }
                        k = evaluator.firstNonFiniteGradient(train, trainOrder, 0, train.rows(), theta,
                                NoiseDraws.FIXED);
                        return fail(epoch, 1, k >= 0 ? train.where(k) : "", "the gradient of the loss is not finite "
                                + "at the start");
                    }
                    return fail(epoch, 1, "", "the loss is not finite at every trial step of the line search ("
                            + r.message() + ")");
                }
                convergedMessage = "epoch " + epoch + ": L-BFGS: " + r.message();
                if (r.status() == Status.CONVERGED) {
                    converged = true;
                } else if (r.status() != Status.MAX_ITERATIONS) {
                    stalled = true;
                }
            }
            return validate(epoch);
        }
    }
}
