package geo.runtime.learn.embed;

import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.learn.EpochLoop;
import geo.runtime.learn.Seeds;
import geo.runtime.learn.TrainingListener;
import geo.runtime.learn.TrainingStatus;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.RiemannianSpace;
import geo.runtime.manifold.WarmStartedSpace;
import geo.runtime.manifold.closed.Euclidean;
import geo.runtime.optim.Adam;
import geo.runtime.optim.RiemannianAdam;
import geo.runtime.optim.StepOptimiser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Trains a graph embedding: node positions x₁ … x_n in an {@link EmbeddingSpace}, the space's
 * parameters θ and (for a scale-free loss) a global log-scale σ together, by Adam on mini-batches
 * of pairs, minimising the mean over pairs i &lt; j of ℓ(s·d_M(x_i, x_j; θ), d_G(i, j)) with
 * s = exp(σ) (s = 1 when no scale is learned) and ℓ the {@link PairLoss}. With a solved scale
 * ({@link Objective.Scale#SOLVED}) σ is not trained: before each step it is set to ln of the
 * batch's optimal scale, and the reported scale is the optimum over all final distances.
 *
 * <p>Per run: θ from {@link Init#parameters()} or else the space's
 * {@link EmbeddingSpace#initialParameters(long)} drawn with the run's seed (so the seeds of a
 * learned metric vary its initial network too); positions uniform in [−spread, spread] and projected, from a
 * {@link SplittableRandom} seeded by {@link geo.runtime.learn.Execution#seed()}, which then
 * shuffles the pairs before every epoch. Per batch: the loss and gradients of the batch's pairs on
 * all workers ({@link PairEvaluator}: the sums do not depend on the thread count), the gradient of
 * the batch mean, one step each for positions (their own learning rate), θ and σ (the parameter
 * rate), then {@link EmbeddingSpace#project} of every node. In a space with a Riemannian structure
 * the positions take {@link RiemannianAdam} steps instead of {@link Adam} steps (unless
 * {@link Optimisation#riemannian()} is off), so that a step moves a node by about the learning rate
 * in distance wherever it is. Pairs whose distance fails are skipped and counted; when more than
 * {@link geo.runtime.learn.Stopping#maxFailureFraction()} of an epoch's pairs have failed, the run
 * stops as {@link TrainingStatus#FAILED}. The epochs, early stopping and the restore of the
 * lowest-loss epoch are {@link EpochLoop}'s.
 *
 * <p>With {@link Init#pretrainEpochs()} &gt; 0 a run first trains that many epochs in the Euclidean
 * space of the same dimension (same seed, objective and steps, the space's θ untouched; with a
 * worst-case finish in the objective, that finish too, with the same budget) and starts from its
 * positions and scale. With a worst-case finish ({@link Objective#worstCaseEpochs()} &gt; 0) the
 * run then trains on the loss (or, {@link Objective#finishFromLayout()}, takes its start
 * positions as they are) and finishes on the smooth worst case: for a learned metric, the
 * annealed finish moves positions and θ together ({@link AnnealedFinish}).
 *
 * <p>The {@code pair} index the space's {@link EmbeddingSpace#distance} is given is
 * {@link ShortestPaths#pairIndex}(i, j) ∈ [0, n(n−1)/2), with x = x_i, y = x_j and i &lt; j; each
 * pair is evaluated once per epoch, by one worker. The reported distances and metrics are
 * {@link FinalDistances}': every pair once more (and afresh where it was warm-started, keeping the
 * shorter geodesic), for a discretised solver on a mesh settled on a sample of pairs.
 */
public final class Trainer {

    private final EmbeddingSpace space;
    private final EmbedOptions options;
    /** Whether this is the finishing phase: full batches on the {@link SoftWorstCase} surrogate. */
    private final boolean finishing;

    /**
     * @param space   the space to embed in (this instance serves the calling thread and worker 0;
     *                other workers get {@link EmbeddingSpace#forThread()} instances)
     * @param options the settings
     */
    public Trainer(EmbeddingSpace space, EmbedOptions options) {
        this(space, options, false);
    }

    private Trainer(EmbeddingSpace space, EmbedOptions options, boolean finishing) {
        this.space = space;
        this.options = options;
        this.finishing = finishing;
    }

    /** Trains without a listener. */
    public TrainingResult train(ShortestPaths target) {
        return train(target, TrainingListener.none());
    }

    /**
     * Trains an embedding of the graph whose distances are {@code target}. A failing distance is
     * a result (status {@link TrainingStatus#FAILED}); an exception thrown by the space is not
     * caught and ends the run.
     *
     * @param listener told about every epoch, on this thread (not about pretraining epochs)
     * @throws IllegalArgumentException when the initial parameters do not have
     *                                  {@link EmbeddingSpace#parameterCount()} entries, or the
     *                                  initial positions do not fit the graph and the space
     */
    public TrainingResult train(ShortestPaths target, TrainingListener<? super EpochStats> listener) {
        Init init = options.init();
        if (options.objective().worstCaseEpochs() > 0 && options.objective().finish() == Objective.Finish.ANNEALED) {
            AnnealedFinish.requireSupported(space);
        }
        if (init.starts() > 1) {
            return bestStart(target, listener);
        }
        if (init.pretrainEpochs() > 0 && init.positions().isEmpty()) {
            return new Trainer(space, options.with(pretrained(target)), finishing).train(target, listener);
        }
        int finish = options.objective().worstCaseEpochs();
        if (!finishing && finish > 0) {
            EmbedOptions main = options.with(options.objective().withWorstCaseEpochs(0));
            TrainingResult first = options.objective().finishFromLayout()
                    ? new Trainer(space, main).layout(target) : new Trainer(space, main).train(target, listener);
            if (first.status() == TrainingStatus.FAILED) {
                return first;
            }
            if (options.objective().finish() == Objective.Finish.ANNEALED) {
                return better(first, AnnealedFinish.run(this, space, options, target, first, listener));
            }
            EmbedOptions last = main.with(init.withPositions(first.positions()).withParameters(first.theta())
                            .withScale(first.scale()).withPretrainEpochs(0))
                    .with(options.stopping().withMaxEpochs(finish))
                    .with(options.optimisation().withBatchSize(target.pairCount()));
            return better(first, new Trainer(space, last, true).train(target, listener));
        }
        long start = System.nanoTime();
        double[] theta = init.parameters().orElseGet(() -> space.initialParameters(options.execution().seed()));
        if (theta.length != space.parameterCount()) {
            throw new IllegalArgumentException(space.name() + ": the initial parameters have " + theta.length
                    + " entries but parameterCount() is " + space.parameterCount());
        }
        int pairs = target.pairCount();
        int sample = options.optimisation().pairsPerEpoch();
        int batch = Math.min(options.optimisation().batchSize(), sample > 0 ? Math.min(sample, pairs) : pairs);
        try (PairEvaluator evaluator = new PairEvaluator(space, target, batch, options.execution().threads())) {
            evaluator.worstCase(finishing);
            // a run that samples its pairs meets most of them without a warm start
            evaluator.chainColdPairs(sample > 0 && sample < pairs);
            Run run = new Run(target, evaluator, theta, batch);
            EpochLoop.Outcome<EpochStats> outcome = EpochLoop.run(run, options.stopping(), listener);
            return finalResult(target, run.positions, theta, Math.exp(run.sigma[0]),
                    options.objective().scale() == Objective.Scale.SOLVED, outcome.status(), outcome.message(),
                    outcome.history(), start, outcome.kept(),
                    listener instanceof EvaluationListener e ? e : null);
        }
    }

    /**
     * The pretraining ({@link Init#pretrainEpochs()} = N &gt; 0): the run in the Euclidean space of the
     * same dimension with this run's seed, objective and steps, on every pair (also when the run samples
     * its pairs, {@link Optimisation#pairsPerEpoch()}), at most N epochs on the loss and,
     * when the objective has a worst-case finish, at most N evaluations of it (so the annealed
     * finish from the layout gives the Euclidean row's finished layout: at θ near the identity a
     * learned metric A = LLᵀ + εI is the Euclidean space up to scale, so it starts at about the
     * Euclidean row's worst case); the space's θ is left alone. Returns this run's start: those
     * positions and that scale, no more pretraining.
     */
    private Init pretrained(ShortestPaths target) {
        Init init = options.init();
        int n = init.pretrainEpochs();
        Objective objective = options.objective();
        EmbedOptions flat = options.with(init.withParameters(null).withPretrainEpochs(0))
                .with(objective.withWorstCaseEpochs(objective.worstCaseEpochs() > 0 ? n : 0))
                .with(options.stopping().withMaxEpochs(n))
                // every pair, whatever the run samples: the Euclidean space's distances are closed forms, so all
                // of a large graph's pairs cost little (bio-diseasome, d = 5, 200 epochs: seconds), and a sample
                // of a few thousand pairs an epoch leaves the layout far from the full loss's optimum
                .with(options.optimisation().withPairsPerEpoch(0));
        TrainingResult start = new Trainer(new Euclidean(space.dimension()), flat).train(target);
        return init.withPositions(start.positions()).withScale(start.scale()).withPretrainEpochs(0);
    }

    /**
     * The start's positions ({@link Run}'s), untrained, and their metrics: the first phase of a
     * finish from the layout ({@link Objective#finishFromLayout()}).
     */
    private TrainingResult layout(ShortestPaths target) {
        long start = System.nanoTime();
        double[] theta = options.init().parameters().orElseGet(() -> space.initialParameters(options.execution().seed()));
        try (PairEvaluator evaluator = new PairEvaluator(space, target, 1, 1)) {
            Run run = new Run(target, evaluator, theta, 1);
            return finalResult(target, run.positions, theta, Math.exp(run.sigma[0]),
                    options.objective().scale() == Objective.Scale.SOLVED, TrainingStatus.CONVERGED,
                    "the start layout, untrained", List.of(), start, 0, null);
        }
    }

    /**
     * The result of a run that ended at these positions, θ and scale s (solved again over every
     * pair's final distance when {@code solve}, by the loss's {@link PairLoss#optimalScale}): the
     * final distances ({@link FinalDistances}) and their metrics; {@code start} is the run's
     * {@link System#nanoTime()}.
     */
    TrainingResult finalResult(ShortestPaths target, double[] positions, double[] theta, double s, boolean solve,
                               TrainingStatus status, String message, List<EpochStats> history, long start, int kept,
                               EvaluationListener evaluationListener) {
        int sample = options.optimisation().pairsPerEpoch();
        if (sample > 0 && sample < target.pairCount()) {
            // A run that sampled its pairs visited each a few times at most, with positions and θ that
            // have moved since: such warm starts cost more than the chained fresh solves (bio-diseasome,
            // d = 5, 100 epochs of 2,048 pairs: 30–180 ms of CPU a pair against about 4 ms), and the
            // geodesic they follow is no better a choice than a fresh one.
            WarmStartedSpace.clear(space);
        }
        FinalDistances.Result last = new FinalDistances(target, space.dimension(), positions, theta,
                options.execution().seed(), options.execution().threads(), evaluationListener).evaluate(space, s);
        PairValues distances = last.distances();
        double scale = solve ? solvedScale(target, distances, s) : s;
        EmbeddingMetrics metrics = EmbeddingMetrics.of(target, distances, scale);
        return new TrainingResult(status, message, rows(positions, target.nodeCount(), space.dimension()), theta,
                scale, distances, metrics, history,
                (System.nanoTime() - start) * 1e-9, kept, last.evaluation(),
                TrainingResult.WorstCasePhase.NONE);
    }

    /**
     * {@link Init#starts()} runs, the first from the run's seed and the others from seeds drawn
     * from it, start j with the layout scale {@link Init#layoutScale}(j) and its finish from
     * {@link Objective#finishStart}(j), each with its warm
     * starts cleared: the one with the lowest {@link #objective} is returned, with the time of
     * all of them and a message that says which start it was. A failed start is passed over
     * unless every start failed (then the last is returned).
     */
    private TrainingResult bestStart(ShortestPaths target, TrainingListener<? super EpochStats> listener) {
        int starts = options.init().starts();
        SplittableRandom seeds = new SplittableRandom(options.execution().seed());
        TrainingResult best = null;
        TrainingResult last = null;
        double bestObjective = Double.POSITIVE_INFINITY;
        int bestStart = 0;
        long bestSeed = 0;
        double seconds = 0;
        for (int j = 0; j < starts; j++) {
            long seed = j == 0 ? options.execution().seed() : seeds.nextLong();
            WarmStartedSpace.clear(space);
            Init startInit = options.init().withStarts(1).withLayoutScales(List.of(options.init().layoutScale(j)));
            Objective startObjective = options.objective().withFinishStarts(List.of(options.objective().finishStart(j)));
            EmbedOptions one = options.with(startInit).with(startObjective).with(options.execution().withSeed(seed));
            last = new Trainer(space, one).train(target, listener);
            seconds += last.seconds();
            boolean failed = last.status() == TrainingStatus.FAILED;
            // a failed start has no objective: it is kept only until a start that did not fail
            double value = failed ? Double.POSITIVE_INFINITY : objective(target, last);
            if (best == null || !failed && (best.status() == TrainingStatus.FAILED || value < bestObjective)) {
                best = last;
                bestObjective = value;
                bestStart = j;
                bestSeed = seed;
            }
        }
        if (best.status() == TrainingStatus.FAILED) {
            best = last;
            bestStart = starts - 1;
        }
        String message = best.status() == TrainingStatus.FAILED
                ? String.format(java.util.Locale.ROOT, "every one of %d starts failed, the last: %s", starts,
                        best.message())
                : String.format(java.util.Locale.ROOT, "start %d of %d (seed %d), lowest objective %.6g: %s",
                bestStart + 1, starts, bestSeed, bestObjective, best.message());
        return new TrainingResult(best.status(), message, best.positions(), best.theta(), best.scale(),
                best.distances(), best.metrics(), best.epochs(), seconds, best.kept(),
                best.evaluation(),
                best.worstCasePhase());
    }

    /**
     * The training objective of a result over every pair of its final distances: the
     * {@link SoftWorstCase} surrogate when a worst-case phase is part of the objective, else the
     * mean pair loss ℓ(s·d_M, d_G) at the result's scale (failed pairs left out; +∞ when none is left).
     */
    double objective(ShortestPaths target, TrainingResult r) {
        PairValues d = r.distances();
        int n = d.size();
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            g[k] = target.distanceOfPair(k);
        }
        if (options.objective().worstCaseEpochs() > 0) {
            double tau = options.objective().finish() == Objective.Finish.ANNEALED
                    ? AnnealedFinish.finalTemperature() : SoftWorstCase.TEMPERATURE;
            double value = SoftWorstCase.of(d, g, n, tau, new double[n]);
            return Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
        }
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < n; k++) {
            if (!d.isFailed(k)) {
                sum += options.objective().loss().value(r.scale() * d.value(k), g[k]);
                counted++;
            }
        }
        return counted == 0 || !Double.isFinite(sum) ? Double.POSITIVE_INFINITY : sum / counted;
    }

    /**
     * The result of the two phases with the lower worst-case distortion (one without a worst-case
     * distortion, every pair failed, loses), with both phases' epochs, time and a message that says
     * which phase it is.
     */
    private static TrainingResult better(TrainingResult first, TrainingResult second) {
        List<EpochStats> epochs = new ArrayList<>(first.epochs());
        epochs.addAll(second.epochs());
        double seconds = first.seconds() + second.seconds();
        EmbeddingMetrics a = first.metrics();
        EmbeddingMetrics b = second.metrics();
        boolean keepSecond = second.status() != TrainingStatus.FAILED && b.hasDistortions()
                && (!a.hasDistortions() || b.worstCaseDistortion() < a.worstCaseDistortion());
        TrainingResult r = keepSecond ? second : first;
        String message = keepSecond
                ? first.message() + "; then " + second.epochs().size() + " worst-case epochs (" + second.message()
                        + "), kept"
                : first.message() + "; the " + second.epochs().size() + " worst-case epochs did not lower it ("
                        + second.message() + ")";
        int kept = keepSecond ? first.epochs().size() + second.kept() : first.kept();
        return new TrainingResult(r.status(), message, r.positions(), r.theta(), r.scale(), r.distances(),
                r.metrics(), epochs, seconds, kept, r.evaluation(),
                keepSecond ? TrainingResult.WorstCasePhase.KEPT : TrainingResult.WorstCasePhase.NOT_KEPT);
    }

    /** The scale that minimises the loss over every pair of the final distances (s when none was computed). */
    private double solvedScale(ShortestPaths target, PairValues distances, double s) {
        double[] d = new double[distances.size()];
        double[] g = new double[distances.size()];
        int n = 0;
        for (int k = 0; k < distances.size(); k++) {
            if (!distances.isFailed(k)) {
                d[n] = distances.value(k);
                g[n] = target.distanceOfPair(k);
                n++;
            }
        }
        double solved = n == 0 ? s : options.objective().loss().optimalScale(d, g, n);
        return Double.isFinite(solved) && solved > 0 ? solved : s;
    }

    /** The state of one training run: parameters, their gradients and optimisers, and the epoch's sums. */
    private final class Run implements EpochLoop.Task<EpochStats> {
        private final PairEvaluator evaluator;
        private final int pairs;
        /** The pairs an epoch visits: all, or {@link Optimisation#pairsPerEpoch()} of them. */
        private final int visited;
        private final int batch;
        private final int allowedFailures;
        private final SplittableRandom random;
        private final int[] order;
        private final double[] node;
        final double[] positions;
        private final double[] theta;
        final double[] sigma = {0};
        private final double[] gradPositions;
        private final double[] gradTheta;
        private final double[] gradSigma = new double[1];
        private final StepOptimiser positionSteps;
        private final StepOptimiser thetaSteps;
        private final StepOptimiser sigmaSteps;
        private long epochStart;
        private double lossSum;
        private int succeeded;
        private int failures;
        private long distanceNanos;

        /** Seeded initial positions (projected), θ as given (modified by training), σ from the initial scale. */
        Run(ShortestPaths target, PairEvaluator evaluator, double[] theta, int batch) {
            this.evaluator = evaluator;
            this.pairs = target.pairCount();
            int sample = options.optimisation().pairsPerEpoch();
            this.visited = sample > 0 ? Math.min(sample, pairs) : pairs;
            this.batch = batch;
            this.allowedFailures = (int) Math.floor(options.stopping().maxFailureFraction() * visited);
            this.random = Seeds.random(options.execution());
            this.order = Seeds.identity(pairs);
            this.node = new double[space.dimension()];
            this.positions = new double[target.nodeCount() * space.dimension()];
            Init init = options.init();
            for (int k = 0; k < positions.length; k++) {
                positions[k] = init.spread() * (2 * random.nextDouble() - 1);
            }
            Optional<double[][]> given = init.positions();
            if (given.isPresent()) {
                copyPositions(given.get(), target.nodeCount());
            } else if (init.layout() == Init.Layout.MDS) {
                // the layout plus the seeded jitter drawn above, so that seeds and starts differ
                double[][] layout = Mds.layout(target, space, options.execution().seed(), init.layoutScale(0));
                for (int u = 0; u < layout.length; u++) {
                    for (int a = 0; a < layout[u].length; a++) {
                        layout[u][a] += positions[u * layout[u].length + a];
                    }
                }
                copyPositions(layout, target.nodeCount());
            }
            projectAll();
            sigma[0] = options.objective().learnScale() ? Math.log(init.scale()) : 0;
            this.theta = theta;
            this.gradPositions = new double[positions.length];
            this.gradTheta = new double[theta.length];
            Optimisation o = options.optimisation();
            this.positionSteps = space instanceof RiemannianSpace r && o.riemannian()
                    ? new RiemannianAdam(r, target.nodeCount(), o.positionLearningRate())
                    : new Adam(positions.length, o.positionLearningRate());
            this.thetaSteps = new Adam(theta.length, o.parameterLearningRate());
            this.sigmaSteps = new Adam(1, o.parameterLearningRate());
        }

        private void copyPositions(double[][] given, int n) {
            int dim = space.dimension();
            if (given.length != n) {
                throw new IllegalArgumentException("initial positions for " + given.length + " nodes, the graph has " + n);
            }
            for (int i = 0; i < given.length; i++) {
                if (given[i].length != dim) {
                    throw new IllegalArgumentException("initial position of node " + i + " has " + given[i].length
                            + " coordinates, the space has " + dim);
                }
                System.arraycopy(given[i], 0, positions, i * dim, dim);
            }
        }

        /**
         * One pass over the shuffled pairs (or over the first {@link #visited} of them: a seeded
         * sample of the pairs, fresh every {@link Optimisation#sampleEpochs()} epochs and reshuffled
         * in between), a step per batch.
         */
        @Override
        public Optional<String> epoch(int epoch) {
            epochStart = System.nanoTime();
            lossSum = 0;
            succeeded = 0;
            failures = 0;
            distanceNanos = 0;
            if (visited == pairs || (epoch - 1) % options.optimisation().sampleEpochs() == 0) {
                // The warm starts of earlier samples are kept: a stale start still beats a cold one
                // (forgetting them at each sample was measured slower: graph-embedding README, "Session 16").
                Seeds.shuffle(order, random);
            } else {
                Seeds.shuffle(order, visited, random);
            }
            for (int from = 0; from < visited; from += batch) {
                Optional<String> failure = batch(epoch, from);
                if (failure.isPresent()) {
                    return failure;
                }
            }
            return Optional.empty();
        }

        private Optional<String> batch(int epoch, int from) {
            evaluator.evaluate(order, from, Math.min(batch, visited - from), positions, theta, Math.exp(sigma[0]),
                    options.objective().loss());
            if (options.objective().scale() == Objective.Scale.SOLVED) {
                double solved = evaluator.solvedScale(Math.exp(sigma[0]));
                evaluator.scale(solved);
                sigma[0] = Math.log(solved);
            }
            evaluator.reduce(gradPositions, gradTheta);
            lossSum += evaluator.lossSum;
            succeeded += evaluator.succeeded;
            failures += evaluator.failures;
            distanceNanos += evaluator.distanceNanos;
            if (failures > allowedFailures) {
                int k = evaluator.firstFailedPair;
                return Optional.of("epoch " + epoch + ": the distances of " + failures + " pairs failed, more than "
                        + options.stopping().maxFailureFraction() * 100 + "% of " + visited + " (" + space.name()
                        + "; the last batch's first failure: nodes " + evaluator.first(k) + " and "
                        + evaluator.second(k) + ")");
            }
            if (evaluator.succeeded == 0) {
                return Optional.empty();
            }
            double mean = 1.0 / evaluator.succeeded;
            scale(gradPositions, mean);
            scale(gradTheta, mean);
            gradSigma[0] = options.objective().scale() == Objective.Scale.LEARNED ? evaluator.sigmaGradient * mean : 0;
            if (!positionSteps.step(positions, gradPositions) || !thetaSteps.step(theta, gradTheta)
                    || !sigmaSteps.step(sigma, gradSigma)) {
                return Optional.of("epoch " + epoch + ": the gradient of the batch from pair " + from
                        + " is not finite (" + space.name() + ")");
            }
            projectAll();
            return Optional.empty();
        }

        /** Positions, θ and σ (the optimisers' state is not restored: training is over when it is). */
        @Override
        public List<double[]> state() {
            return List.of(positions, theta, sigma);
        }

        @Override
        public EpochStats stats(int epoch) {
            OptionalDouble loss = succeeded > 0 ? OptionalDouble.of(lossSum / succeeded) : OptionalDouble.empty();
            return new EpochStats(epoch, loss, succeeded, failures,
                    (System.nanoTime() - epochStart) * 1e-9, distanceNanos * 1e-9, options.execution().threads(),
                    Math.exp(sigma[0]));
        }

        /** Projects every node of {@link #positions} (modified) through the scratch {@link #node}. */
        private void projectAll() {
            int dim = node.length;
            for (int u = 0; u < positions.length; u += dim) {
                System.arraycopy(positions, u, node, 0, dim);
                space.project(node);
                System.arraycopy(node, 0, positions, u, dim);
            }
        }
    }

    private static void scale(double[] v, double f) {
        for (int k = 0; k < v.length; k++) {
            v[k] *= f;
        }
    }

    private static double[][] rows(double[] flat, int n, int dim) {
        double[][] out = new double[n][dim];
        for (int u = 0; u < n; u++) {
            System.arraycopy(flat, u * dim, out[u], 0, dim);
        }
        return out;
    }
}
