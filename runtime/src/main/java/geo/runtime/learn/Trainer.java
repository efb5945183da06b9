package geo.runtime.learn;

import geo.runtime.data.ShortestPaths;
import geo.runtime.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a graph embedding: node positions x₁ … x_n in an {@link EmbeddingSpace}, the space's
 * parameters θ and (for a scale-free loss) a global log-scale σ together, by Adam on mini-batches
 * of pairs, minimising the mean over pairs i &lt; j of ℓ(s·d_M(x_i, x_j; θ), d_G(i, j)) with
 * s = exp(σ) (s = 1 when no scale is learned) and ℓ the {@link PairLoss}.
 *
 * <p>Per run: positions uniform in [−spread, spread] and projected, from a
 * {@link SplittableRandom} seeded by {@link TrainingOptions#seed()}, which then shuffles the pairs
 * before every epoch. Per batch: the loss and gradients of the batch's pairs on all workers
 * ({@link PairEvaluator}: the sums do not depend on the thread count), the gradient of the batch
 * mean, one Adam step each for positions (their own learning rate), θ and σ (the parameter rate),
 * then {@link EmbeddingSpace#project} of every node. In a space with a Riemannian structure the
 * positions take {@link RiemannianAdam} steps instead (unless {@link TrainingOptions#riemannian()}
 * is off), so that a step moves a node by about the learning rate in distance wherever it is. Pairs whose distance fails are skipped and
 * counted; when more than {@link TrainingOptions#maxFailureFraction()} of an epoch's pairs have
 * failed, the run stops as {@link TrainingStatus#FAILED}. Early stopping by patience on the
 * epoch loss. The result holds the parameters at the end of the epoch with the lowest loss
 * ({@link TrainingOptions#restoreBest()}, the default), or the last epoch's.
 *
 * <p>The {@code pair} index the space's {@link EmbeddingSpace#distance} is given is
 * {@link ShortestPaths#pairIndex}(i, j) ∈ [0, n(n−1)/2), with x = x_i, y = x_j and i &lt; j; each
 * pair is evaluated once per epoch, by one worker, and for the final metrics once more (and, in a
 * space with warm starts, once more without them, keeping the shorter geodesic).
 */
public final class Trainer {

    private final EmbeddingSpace space;
    private final TrainingOptions options;

    /**
     * @param space   the space to embed in (this instance serves the calling thread and worker 0;
     *                other workers get {@link EmbeddingSpace#forThread()} instances)
     * @param options the settings, read at each {@link #train} call
     */
    public Trainer(EmbeddingSpace space, TrainingOptions options) {
        this.space = space;
        this.options = options;
    }

    /** Trains without a listener. */
    public TrainingResult train(ShortestPaths target) {
        return train(target, TrainingListener.NONE);
    }

    /**
     * Trains an embedding of the graph whose distances are {@code target}. A failing distance is
     * a result (status {@link TrainingStatus#FAILED}); an exception thrown by the space is not
     * caught and ends the run.
     *
     * @param listener told about every epoch, on this thread
     * @throws IllegalArgumentException when the space's initial parameters do not have
     *                                  {@link EmbeddingSpace#parameterCount()} entries
     */
    public TrainingResult train(ShortestPaths target, TrainingListener listener) {
        long start = System.nanoTime();
        double[] given = options.initialParameters();
        double[] theta = given != null ? given : space.initialParameters();
        if (theta.length != space.parameterCount()) {
            throw new IllegalArgumentException(space.name() + ": the initial parameters have " + theta.length
                    + " entries but parameterCount() is " + space.parameterCount());
        }
        int pairs = target.pairCount();
        int batch = Math.min(options.batchSize(), pairs);
        try (PairEvaluator evaluator = new PairEvaluator(space, target, batch, options.threads())) {
            Run run = new Run(target, evaluator, theta, batch);
            List<EpochStats> history = new ArrayList<>();
            TrainingStatus status = TrainingStatus.MAX_EPOCHS;
            String message = null;
            double best = Double.POSITIVE_INFINITY;
            int sinceBest = 0;
            Snapshot kept = null;
            int keptEpoch = 0;
            for (int epoch = 1; epoch <= options.maxEpochs() && message == null; epoch++) {
                message = run.epoch(epoch);
                EpochStats stats = run.stats(epoch);
                history.add(stats);
                listener.epoch(stats);
                if (options.restoreBest() && message == null
                        && (kept == null || stats.loss() < history.get(keptEpoch - 1).loss())) {
                    kept = run.snapshot(kept);
                    keptEpoch = epoch;
                }
                if (message != null) {
                    status = TrainingStatus.FAILED;
                } else if (stats.loss() < best * (1 - options.minImprovement())) {
                    best = stats.loss();
                    sinceBest = 0;
                } else if (++sinceBest >= options.patience()) {
                    status = TrainingStatus.CONVERGED;
                    message = "epoch " + epoch + ": no relative improvement of " + options.minImprovement()
                            + " on the best loss " + best + " for " + options.patience() + " epochs";
                }
            }
            if (message == null) {
                message = "stopped after " + options.maxEpochs() + " epochs with loss "
                        + history.get(history.size() - 1).loss() + " (best " + best + ")";
            }
            if (kept != null && keptEpoch != history.size()) {
                run.restore(kept);
                message += "; returning epoch " + keptEpoch + ", the lowest loss " + history.get(keptEpoch - 1).loss();
            } else {
                keptEpoch = history.size();
            }
            double[] distances = new double[pairs];
            evaluator.distances(run.positions, theta, distances);
            if (space.clearWarmStarts()) {
                // Warm starts carry each pair's geodesic through training, and after a restore come
                // from a later state: solve afresh too and keep the shorter geodesic of the two.
                double[] fresh = new double[pairs];
                evaluator.distances(run.positions, theta, fresh);
                for (int k = 0; k < pairs; k++) {
                    if (Double.isNaN(distances[k]) || fresh[k] < distances[k]) {
                        distances[k] = fresh[k];
                    }
                }
            }
            double s = Math.exp(run.sigma[0]);
            return new TrainingResult(status, message, rows(run.positions, target.nodeCount(), space.dimension()),
                    theta, s, distances, EmbeddingMetrics.of(target, distances, s), List.copyOf(history),
                    (System.nanoTime() - start) * 1e-9, keptEpoch);
        }
    }

    /** The state of one training run: parameters, their gradients and optimisers, and the epoch's sums. */
    private final class Run {
        private final PairEvaluator evaluator;
        private final int pairs;
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
        /** Adam on the position coordinates, or null when {@link #positionRiemannian} is used. */
        private final Adam positionAdam;
        private final RiemannianAdam positionRiemannian;
        private final Adam thetaAdam;
        private final Adam sigmaAdam;
        private long epochStart;
        private double lossSum;
        private int succeeded;
        private int failures;
        private long distanceNanos;

        /** Seeded initial positions (projected), θ as given (modified by training), σ = 0. */
        Run(ShortestPaths target, PairEvaluator evaluator, double[] theta, int batch) {
            this.evaluator = evaluator;
            this.pairs = target.pairCount();
            this.batch = batch;
            this.allowedFailures = (int) Math.floor(options.maxFailureFraction() * pairs);
            this.random = new SplittableRandom(options.seed());
            this.order = new int[pairs];
            for (int k = 0; k < pairs; k++) {
                order[k] = k;
            }
            this.node = new double[space.dimension()];
            this.positions = new double[target.nodeCount() * space.dimension()];
            for (int k = 0; k < positions.length; k++) {
                positions[k] = options.initialSpread() * (2 * random.nextDouble() - 1);
            }
            double[][] given = options.initialPositions();
            if (given != null) {
                int dim = space.dimension();
                if (given.length != target.nodeCount()) {
                    throw new IllegalArgumentException("initial positions for " + given.length + " nodes, the graph has "
                            + target.nodeCount());
                }
                for (int i = 0; i < given.length; i++) {
                    if (given[i].length != dim) {
                        throw new IllegalArgumentException("initial position of node " + i + " has " + given[i].length
                                + " coordinates, the space has " + dim);
                    }
                    System.arraycopy(given[i], 0, positions, i * dim, dim);
                }
            }
            projectAll();
            sigma[0] = options.learnScale() ? Math.log(options.initialScale()) : 0;
            this.theta = theta;
            this.gradPositions = new double[positions.length];
            this.gradTheta = new double[theta.length];
            boolean riemannian = options.riemannian() && space.riemannian();
            this.positionAdam = riemannian ? null : new Adam(positions.length, options.positionLearningRate());
            this.positionRiemannian = riemannian
                    ? new RiemannianAdam(space, target.nodeCount(), options.positionLearningRate()) : null;
            this.thetaAdam = new Adam(theta.length, options.parameterLearningRate());
            this.sigmaAdam = new Adam(1, options.parameterLearningRate());
        }

        /**
         * One pass over the shuffled pairs, a step per batch.
         *
         * @return null, or why the run failed
         */
        String epoch(int epoch) {
            epochStart = System.nanoTime();
            lossSum = 0;
            succeeded = 0;
            failures = 0;
            distanceNanos = 0;
            shuffle(order, random);
            for (int from = 0; from < pairs; from += batch) {
                String failure = batch(epoch, from);
                if (failure != null) {
                    return failure;
                }
            }
            return null;
        }

        private String batch(int epoch, int from) {
            evaluator.evaluate(order, from, Math.min(batch, pairs - from), positions, theta, Math.exp(sigma[0]),
                    options.loss());
            evaluator.reduce(gradPositions, gradTheta);
            lossSum += evaluator.lossSum;
            succeeded += evaluator.succeeded;
            failures += evaluator.failures;
            distanceNanos += evaluator.distanceNanos;
            if (failures > allowedFailures) {
                int k = evaluator.firstFailedPair;
                return "epoch " + epoch + ": the distances of " + failures + " pairs failed, more than "
                        + options.maxFailureFraction() * 100 + "% of " + pairs + " (" + space.name()
                        + "; the last batch's first failure: nodes " + evaluator.first(k) + " and "
                        + evaluator.second(k) + ")";
            }
            if (evaluator.succeeded == 0) {
                return null;
            }
            double mean = 1.0 / evaluator.succeeded;
            scale(gradPositions, mean);
            scale(gradTheta, mean);
            gradSigma[0] = options.learnScale() ? evaluator.sigmaGradient * mean : 0;
            boolean moved = positionAdam != null ? positionAdam.step(positions, gradPositions)
                    : positionRiemannian.step(positions, gradPositions);
            if (!moved || !thetaAdam.step(theta, gradTheta) || !sigmaAdam.step(sigma, gradSigma)) {
                return "epoch " + epoch + ": the gradient of the batch from pair " + from + " is not finite ("
                        + space.name() + ")";
            }
            projectAll();
            return null;
        }

        /** Copies positions, θ and σ into {@code into} (or a new snapshot when it is null). */
        Snapshot snapshot(Snapshot into) {
            Snapshot s = into != null ? into : new Snapshot(positions.length, theta.length);
            System.arraycopy(positions, 0, s.positions, 0, positions.length);
            System.arraycopy(theta, 0, s.theta, 0, theta.length);
            s.sigma = sigma[0];
            return s;
        }

        /** Puts a snapshot's positions, θ and σ back (the optimisers' state is left as it is: training is over). */
        void restore(Snapshot s) {
            System.arraycopy(s.positions, 0, positions, 0, positions.length);
            System.arraycopy(s.theta, 0, theta, 0, theta.length);
            sigma[0] = s.sigma;
        }

        /** The statistics of the epoch just run (or cut short). */
        EpochStats stats(int epoch) {
            return new EpochStats(epoch, succeeded > 0 ? lossSum / succeeded : Double.NaN, succeeded, failures,
                    (System.nanoTime() - epochStart) * 1e-9, distanceNanos * 1e-9, options.threads(),
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

    /** Positions, θ and σ at the end of an epoch. */
    private static final class Snapshot {
        final double[] positions;
        final double[] theta;
        double sigma;

        Snapshot(int positions, int parameters) {
            this.positions = new double[positions];
            this.theta = new double[parameters];
        }
    }

    /** Fisher–Yates shuffle of {@code a} (modified). */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int k = a.length - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = a[k];
            a[k] = a[j];
            a[j] = t;
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
