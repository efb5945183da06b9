package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.data.graph.EdgeLists;
import geo.runtime.data.graph.Graphs;
import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.learn.Execution;
import geo.runtime.learn.Stopping;
import geo.runtime.learn.TrainingStatus;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.closed.Euclidean;
import geo.runtime.manifold.closed.Lorentz;
import geo.runtime.manifold.closed.PoincareBall;
import geo.runtime.manifold.closed.Sphere;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static ShortestPaths tree6() throws IOException {
        return ShortestPaths.of(EdgeLists.read(EmbeddingMetricsTest.DATA.resolve("tree6.edges")));
    }

    /** The textbook distance of each space, written out again so the test does not trust the spaces. */
    private static double textbook(String space, double[] x, double[] y) {
        double dd = 0;
        double xx = 0;
        double yy = 0;
        for (int a = 0; a < x.length; a++) {
            dd += (x[a] - y[a]) * (x[a] - y[a]);
            xx += x[a] * x[a];
            yy += y[a] * y[a];
        }
        if (space.equals("euclidean")) {
            return Math.sqrt(dd);
        }
        double z = 1 + 2 * dd / ((1 - xx) * (1 - yy));
        return Math.log(z + Math.sqrt(z * z - 1));
    }

    /**
     * A space whose solver, once warm, follows a longer solution (1.5 times the Euclidean
     * distance): the final distances are solved afresh as well and the shorter kept.
     */
    @Test
    void theFinalDistancesKeepTheShorterOfWarmAndFreshSolves() throws IOException {
        ShortestPaths target = tree6();
        EmbeddingSpace branchy = new EmbedFixtures.Plane() {
            private final Euclidean flat = new Euclidean(2);
            private final java.util.Set<Integer> warm = java.util.concurrent.ConcurrentHashMap.newKeySet();

            @Override
            public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                                         double[] gTheta) {
                double f = warm.add(pair) ? 1 : 1.5;
                double d = flat.distance(pair, x, y, theta, gx, gy, gTheta).value();
                for (int a = 0; a < 2; a++) {
                    gx[a] *= f;
                    gy[a] *= f;
                }
                return PairDistance.of(f * d);
            }

            @Override
            public void clearWarmStarts() {
                warm.clear();
            }

            @Override
            public boolean hasWarmStart(int pair) {
                return warm.contains(pair);
            }

            @Override
            public EmbeddingSpace withoutWarmStarts() {
                return flat;
            }
        };
        TrainingResult r = new Trainer(branchy, EmbedOptions.DEFAULTS.with(Stopping.DEFAULTS.withMaxEpochs(20))
                .with(Execution.DEFAULTS.withThreads(1))).train(target);
        for (int i = 0; i < target.nodeCount(); i++) {
            for (int j = i + 1; j < target.nodeCount(); j++) {
                double[] x = r.positions()[i];
                double[] y = r.positions()[j];
                assertEquals(Math.hypot(x[0] - y[0], x[1] - y[1]), r.distances().value(target.pairIndex(i, j)), 1e-12);
            }
        }
    }

    /**
     * With a learning rate too large to settle, the epoch losses jump about; the result keeps the
     * parameters of the epoch with the lowest loss (and says so), or, with restoreBest off, the
     * last epoch's.
     */
    @Test
    void theParametersOfTheLowestLossAreKept() throws IOException {
        ShortestPaths target = tree6();
        EmbedOptions options = EmbedOptions.DEFAULTS.with(Optimisation.DEFAULTS.withPositionLearningRate(0.5))
                .with(Stopping.DEFAULTS.withMaxEpochs(200).withPatience(1000))
                        .with(Execution.DEFAULTS.withThreads(1));
        TrainingResult best = new Trainer(new Euclidean(2), options).train(target);
        double[] loss = best.lossHistory();
        int argmin = 0;
        for (int k = 1; k < loss.length; k++) {
            if (loss[k] < loss[argmin]) {
                argmin = k;
            }
        }
        assertTrue(argmin < loss.length - 1, "the test needs a run whose last epoch is not its best");
        assertEquals(argmin + 1, best.kept());
        assertTrue(best.message().contains("returning epoch " + (argmin + 1)), best.message());
        TrainingResult last = new Trainer(new Euclidean(2), options.with(options.stopping().withRestoreBest(false))).train(target);
        assertEquals(200, last.kept());
        assertArrayEquals(loss, last.lossHistory());
        assertFalse(java.util.Arrays.deepEquals(best.positions(), last.positions()));
    }

    /**
     * Tree40 in the Poincaré disc, seed 0, as {@code run.sh} trains the closed forms: Riemannian
     * Adam reaches a worst-case distortion below 20 (measured 12.98; Adam on the coordinates
     * stalls at 27.6, the Euclidean plane at 30), the run stops by patience, and the positions
     * stay inside the ball.
     */
    @Test
    void riemannianAdamEmbedsTree40InThePoincareDisc() throws IOException {
        ShortestPaths target = ShortestPaths.of(EdgeLists.read(EmbeddingMetricsTest.DATA.resolve("tree40.edges")));
        EmbedOptions options = EmbedOptions.DEFAULTS.with(Objective.DEFAULTS.withLearnScale(true))
                .with(Optimisation.DEFAULTS.withBatchSize(64))
                        .with(Stopping.DEFAULTS.withMaxEpochs(3000).withPatience(200))
                                .with(Execution.DEFAULTS.withThreads(2));
        TrainingResult r = new Trainer(new PoincareBall(2), options).train(target);
        assertTrue(r.metrics().worstCaseDistortion() < 20, r.metrics().toString());
        for (double[] x : r.positions()) {
            assertTrue(x[0] * x[0] + x[1] * x[1] < 1);
        }
    }

    @Test
    void tree6InTheEuclideanPlaneAndThePoincareDiscLearnsAndReportsItsMetrics() throws IOException {
        ShortestPaths target = tree6();
        for (EmbeddingSpace space : new EmbeddingSpace[] {new Euclidean(2), new PoincareBall(2)}) {
            List<EpochStats> seen = new ArrayList<>();
            // Adam on the coordinates for both: this test is about the bookkeeping (Riemannian Adam has its own).
            EmbedOptions options = EmbedOptions.DEFAULTS.with(Optimisation.DEFAULTS.withPositionLearningRate(0.05).withRiemannian(false)).with(Stopping.DEFAULTS.withMaxEpochs(150)).with(Execution.DEFAULTS.withThreads(2));
            TrainingResult r = new Trainer(space, options).train(target, seen::add);
            assertEquals(TrainingStatus.MAX_EPOCHS, r.status(), r.message());
            assertEquals(r.epochs(), seen);
            double[] loss = r.lossHistory();
            assertEquals(150, loss.length);
            assertTrue(loss[loss.length - 1] < 0.1 * loss[0], space.name() + ": loss " + loss[0] + " → " + loss[loss.length - 1]);
            int n = target.nodeCount();
            double sum = 0;
            double expand = 0;
            double contract = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double m = textbook(space.name(), r.positions()[i], r.positions()[j]);
                    double g = target.distance(i, j);
                    assertEquals(m, r.distances().value(target.pairIndex(i, j)), 1e-12 * m);
                    sum += Math.abs(m - g) / g;
                    expand = Math.max(expand, m / g);
                    contract = Math.max(contract, g / m);
                }
            }
            assertEquals(sum / target.pairCount(), r.metrics().averageDistortion(), 1e-12);
            assertEquals(expand * contract, r.metrics().worstCaseDistortion(), 1e-12 * expand * contract);
            assertTrue(r.metrics().averageDistortion() < 0.2, space.name() + ": " + r.metrics());
            for (EpochStats e : seen) {
                assertEquals(21, e.pairs());
                assertEquals(0, e.failures());
                assertTrue(e.distanceShare() >= 0 && e.distanceShare() <= 1, "share " + e.distanceShare());
            }
        }
    }

    @Test
    void resultsAreIdenticalForAnyNumberOfThreads() {
        ShortestPaths target = ShortestPaths.of(Graphs.balancedTree(3, 3));
        TrainingResult reference = null;
        for (int threads = 1; threads <= 3; threads++) {
            EmbedOptions options = EmbedOptions.DEFAULTS.with(Objective.DEFAULTS.withLoss(PairLoss.RELATIVE_SQUARED).withLearnScale(true)).with(Optimisation.DEFAULTS.withBatchSize(200).withParameterLearningRate(0.01)).with(Stopping.DEFAULTS.withMaxEpochs(4)).with(Execution.DEFAULTS.withThreads(threads).withSeed(42));
            TrainingResult r = new Trainer(new Sphere(2), options).train(target);
            if (reference == null) {
                reference = r;
                continue;
            }
            assertArrayEquals(reference.lossHistory(), r.lossHistory(), 0.0);
            for (int u = 0; u < target.nodeCount(); u++) {
                assertArrayEquals(reference.positions()[u], r.positions()[u], 0.0, threads + " threads, node " + u);
            }
            assertArrayEquals(reference.theta(), r.theta(), 0.0);
            assertEquals(reference.scale(), r.scale(), 0.0);
        }
        TrainingResult otherSeed = new Trainer(new Sphere(2), EmbedOptions.DEFAULTS.with(Objective.DEFAULTS.withLoss(PairLoss.RELATIVE_SQUARED).withLearnScale(true)).with(Optimisation.DEFAULTS.withBatchSize(200)).with(Stopping.DEFAULTS.withMaxEpochs(4)).with(Execution.DEFAULTS.withSeed(43))).train(target);
        assertNotEquals(reference.lossHistory()[3], otherSeed.lossHistory()[3]);
    }

    @Test
    void aLearnedScaleMovesAndTheAverageDistortionUsesIt() throws IOException {
        ShortestPaths target = tree6();
        EmbedOptions options = EmbedOptions.DEFAULTS.with(Objective.DEFAULTS.withLearnScale(true).withLoss(PairLoss.RELATIVE_SQUARED)).with(Optimisation.DEFAULTS.withParameterLearningRate(0.05).withPositionLearningRate(0.02)).with(Stopping.DEFAULTS.withMaxEpochs(200));
        TrainingResult r = new Trainer(new Lorentz(2), options).train(target);
        assertTrue(Math.abs(Math.log(r.scale())) > 0.5, "scale " + r.scale());
        assertEquals(r.scale(), r.epochs().get(r.epochs().size() - 1).scale());
        double sum = 0;
        for (int k = 0; k < target.pairCount(); k++) {
            double g = target.distanceOfPair(k);
            sum += Math.abs(r.scale() * r.distances().value(k) - g) / g;
        }
        assertEquals(sum / target.pairCount(), r.metrics().averageDistortion(), 1e-12);
    }

    /** The path 0-1-2 started isometrically (on a line, at half size, with scale 2) stays put: zero loss and gradient. */
    @Test
    void givenInitialPositionsAndScaleAreWhereTrainingStarts() {
        ShortestPaths target = ShortestPaths.of(Graphs.cycle(4));
        ShortestPaths path = ShortestPaths.of(new geo.runtime.data.graph.Graph.Builder().edge(0, 1).edge(1, 2).build());
        double[][] line = {{0, 0}, {0.5, 0}, {1, 0}};
        EmbedOptions options = EmbedOptions.DEFAULTS.with(Objective.DEFAULTS.withLearnScale(true))
                .with(Stopping.DEFAULTS.withMaxEpochs(3)).with(Init.DEFAULTS.withPositions(line).withScale(2))
                        .with(Execution.DEFAULTS.withThreads(1));
        TrainingResult r = new Trainer(new Euclidean(2), options).train(path);
        assertEquals(0.0, r.lossHistory()[0], 0.0);
        assertEquals(2.0, r.scale(), 1e-15);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(line[i], r.positions()[i], 0.0);
        }
        assertEquals(0.0, r.metrics().averageDistortion(), 1e-15);

        EmbedOptions wrong = EmbedOptions.DEFAULTS.with(Init.DEFAULTS.withPositions(line));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(new Euclidean(2), wrong).train(target));
        assertEquals("initial positions for 3 nodes, the graph has 4", e.getMessage());
    }

    /**
     * Pretraining (moved from the CLI into the trainer) is a Euclidean run of {@code pretrainEpochs}
     * with the same seed, objective and steps, whose positions and scale start the real run: the
     * same numbers as doing the two runs by hand.
     */
    @Test
    void pretrainingIsAEuclideanRunWhosePositionsAndScaleStartTheRun() throws IOException {
        ShortestPaths target = tree6();
        EmbedOptions options = EmbedOptions.DEFAULTS.with(Objective.DEFAULTS.withLearnScale(true))
                .with(Stopping.DEFAULTS.withMaxEpochs(7)).with(Execution.DEFAULTS.withSeed(3).withThreads(1));
        TrainingResult pretrained = new Trainer(new PoincareBall(2),
                options.with(Init.DEFAULTS.withPretrainEpochs(20))).train(target);
        TrainingResult flat = new Trainer(new Euclidean(2), options.with(Stopping.DEFAULTS.withMaxEpochs(20)))
                .train(target);
        TrainingResult byHand = new Trainer(new PoincareBall(2),
                options.with(Init.DEFAULTS.withPositions(flat.positions()).withScale(flat.scale()))).train(target);
        assertEquals(7, pretrained.epochs().size());
        assertArrayEquals(byHand.lossHistory(), pretrained.lossHistory(), 0.0);
        for (int u = 0; u < target.nodeCount(); u++) {
            assertArrayEquals(byHand.positions()[u], pretrained.positions()[u], 0.0);
        }
        TrainingResult cold = new Trainer(new PoincareBall(2), options).train(target);
        assertNotEquals(cold.lossHistory()[0], pretrained.lossHistory()[0]);
    }

    /**
     * A run that samples its pairs ({@code pairsPerEpoch}) pretrains on every pair: the Euclidean distances are
     * closed forms, so the pretraining is the by-hand Euclidean run without sampling, not the sampled one.
     */
    @Test
    void pretrainingUsesEveryPairWhenTheRunSamplesPairs() throws IOException {
        ShortestPaths target = tree6();
        EmbedOptions options = EmbedOptions.DEFAULTS.with(Objective.DEFAULTS.withLearnScale(true))
                .with(Stopping.DEFAULTS.withMaxEpochs(3)).with(Execution.DEFAULTS.withSeed(5).withThreads(1));
        EmbedOptions sampled = options.with(Optimisation.DEFAULTS.withPairsPerEpoch(6));
        TrainingResult pretrained = new Trainer(new PoincareBall(2),
                sampled.with(Init.DEFAULTS.withPretrainEpochs(20))).train(target);
        TrainingResult everyPair = new Trainer(new Euclidean(2), options.with(Stopping.DEFAULTS.withMaxEpochs(20)))
                .train(target);
        TrainingResult samplePairs = new Trainer(new Euclidean(2), sampled.with(Stopping.DEFAULTS.withMaxEpochs(20)))
                .train(target);
        TrainingResult byHand = new Trainer(new PoincareBall(2), sampled.with(
                Init.DEFAULTS.withPositions(everyPair.positions()).withScale(everyPair.scale()))).train(target);
        TrainingResult fromSample = new Trainer(new PoincareBall(2), sampled.with(
                Init.DEFAULTS.withPositions(samplePairs.positions()).withScale(samplePairs.scale()))).train(target);
        assertArrayEquals(byHand.lossHistory(), pretrained.lossHistory(), 0.0);
        for (int u = 0; u < target.nodeCount(); u++) {
            assertArrayEquals(byHand.positions()[u], pretrained.positions()[u], 0.0);
        }
        assertNotEquals(fromSample.lossHistory()[0], pretrained.lossHistory()[0]);
    }

    @Test
    void earlyStoppingEndsARunThatStopsImproving() {
        ShortestPaths target = ShortestPaths.of(Graphs.cycle(6));
        EmbedOptions options = EmbedOptions.DEFAULTS.with(Optimisation.DEFAULTS.withPositionLearningRate(0.05))
                .with(Stopping.DEFAULTS.withMaxEpochs(5000).withPatience(5).withMinImprovement(0.01));
        TrainingResult r = new Trainer(new Euclidean(2), options).train(target);
        assertEquals(TrainingStatus.CONVERGED, r.status(), r.message());
        int epochs = r.epochs().size();
        assertTrue(epochs < 5000, "epochs " + epochs);
        double[] loss = r.lossHistory();
        double best = Double.POSITIVE_INFINITY;
        for (int e = 0; e < epochs - 5; e++) {
            best = Math.min(best, loss[e]);
        }
        for (int e = epochs - 5; e < epochs; e++) {
            assertTrue(loss[e] >= 0.99 * best, "epoch " + (e + 1) + " improved: " + loss[e] + " vs " + best);
        }
    }

    @Test
    void rareFailuresAreSkippedAndCountedFrequentOnesStopTheRun() {
        ShortestPaths target = ShortestPaths.of(Graphs.balancedTree(2, 3));
        int pairs = target.pairCount();
        int rare = (pairs + 19) / 20;
        EmbedOptions options = EmbedOptions.DEFAULTS.with(Optimisation.DEFAULTS.withBatchSize(64))
                .with(Stopping.DEFAULTS.withMaxEpochs(3)).with(Execution.DEFAULTS.withThreads(2));
        TrainingResult ok = new Trainer(new Failing(new Euclidean(2), 20), options).train(target);
        assertEquals(TrainingStatus.MAX_EPOCHS, ok.status(), ok.message());
        for (EpochStats e : ok.epochs()) {
            assertEquals(rare, e.failures());
            assertEquals(pairs - rare, e.pairs());
        }
        assertEquals(rare, ok.metrics().failedPairs());

        List<EpochStats> seen = new ArrayList<>();
        TrainingResult bad = new Trainer(new Failing(new Euclidean(2), 5), options).train(target, seen::add);
        assertEquals(TrainingStatus.FAILED, bad.status());
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).failures() > 0.1 * pairs, "failures " + seen.get(0).failures());
        assertTrue(bad.message().startsWith("epoch 1: the distances of "), bad.message());
        assertTrue(bad.message().contains("more than 10.0% of " + pairs + " (euclidean"), bad.message());
    }

    /**
     * The result marks the pairs whose final distance failed in an explicit mask (their distances
     * are NaN fillers), exactly the pairs the space failed; a mask that disagrees with the distances
     * is refused.
     */
    @Test
    void theResultMarksItsFailedPairs() {
        ShortestPaths target = ShortestPaths.of(Graphs.balancedTree(2, 3));
        EmbedOptions options = EmbedOptions.DEFAULTS.with(Optimisation.DEFAULTS.withBatchSize(64))
                .with(Stopping.DEFAULTS.withMaxEpochs(2)).with(Execution.DEFAULTS.withThreads(1));
        TrainingResult r = new Trainer(new Failing(new Euclidean(2), 20), options).train(target);
        for (int k = 0; k < target.pairCount(); k++) {
            assertEquals(k % 20 == 0, r.distances().isFailed(k), "pair " + k);
            if (k % 20 == 0) {
                int pair = k;
                assertThrows(IllegalStateException.class, () -> r.distances().value(pair));
                assertTrue(r.distances().get(k).status() != PairDistance.Status.OK);
            }
        }
        assertEquals((target.pairCount() + 19) / 20, r.failedPairCount());
        assertEquals(r.metrics().failedPairs(), r.failedPairCount());
    }

    /** Wraps a space so that the distance of every pair whose index is a multiple of {@code every} fails. */
    private record Failing(EmbeddingSpace inner, int every) implements EmbedFixtures.Wrapping {
        @Override
        public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                                     double[] gTheta) {
            PairDistance d = inner.distance(pair, x, y, theta, gx, gy, gTheta);
            return pair % every == 0 ? PairDistance.failed(PairDistance.Status.NOT_CONVERGED, "pair " + pair + " fails")
                    : d;
        }

        @Override
        public EmbeddingSpace forThread() {
            return new Failing(inner.forThread(), every);
        }
    }
}
