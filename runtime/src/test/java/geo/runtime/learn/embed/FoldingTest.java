package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.data.graph.EdgeLists;
import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.learn.Execution;
import geo.runtime.learn.Stopping;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.closed.Euclidean;
import geo.runtime.manifold.closed.PoincareBall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The training of issue #17 that does not fold (solved scale, relative-squared loss, worst-case
 * finish), sampled epochs, and seeded initial parameters.
 */
class FoldingTest {

    /** run.sh's setting for the hyperbolic spaces. */
    static final EmbedOptions HYPERBOLIC = EmbedOptions.DEFAULTS
            .with(new Objective(PairLoss.RELATIVE_SQUARED, Objective.Scale.SOLVED, 3000))
            .with(Optimisation.DEFAULTS.withBatchSize(64))
            .with(Stopping.DEFAULTS.withMaxEpochs(3000).withPatience(200));

    /**
     * Tree6 in the Poincaré disc, seed 0: the stress loss with a learned scale folded this seed
     * (worst-case distortion 5.44, published 1.65); solved scale, relative-squared and the
     * worst-case finish give 1.164 on every seed measured (0, 1, 2), and the first phase stops by
     * patience, not at the epoch cap.
     */
    @Test
    void tree6DoesNotFoldInThePoincareDisc() throws IOException {
        ShortestPaths target = ShortestPaths.of(EdgeLists.read(EmbeddingMetricsTest.DATA.resolve("tree6.edges")));
        TrainingResult r = new Trainer(new PoincareBall(2), HYPERBOLIC).train(target);
        assertTrue(r.metrics().worstCaseDistortion() < 1.2, r.metrics().toString());
        assertTrue(r.epochs().size() < 3000 + 3000, r.epochs().size() + " epochs");
        assertTrue(r.message().contains("worst-case epochs"), r.message());
    }

    /**
     * With a solved scale the reported s is the loss's optimum over all final distances: the
     * derivative Σ d·ℓ'(s·d, g) vanishes there.
     */
    @Test
    void theReportedScaleIsTheOptimumOverAllPairs() throws IOException {
        ShortestPaths target = ShortestPaths.of(EdgeLists.read(EmbeddingMetricsTest.DATA.resolve("cycle10.edges")));
        EmbedOptions options = HYPERBOLIC.with(new Objective(PairLoss.STRESS, Objective.Scale.SOLVED, 0))
                .with(Stopping.DEFAULTS.withMaxEpochs(300));
        TrainingResult r = new Trainer(new Euclidean(2), options).train(target);
        double slope = 0;
        double size = 0;
        for (int k = 0; k < target.pairCount(); k++) {
            double d = r.distances().value(k);
            slope += d * PairLoss.STRESS.derivative(r.scale() * d, target.distanceOfPair(k));
            size += d * target.distanceOfPair(k);
        }
        assertEquals(0, slope, 1e-12 * size);
    }

    /** An epoch with pairsPerEpoch = 10 visits 10 of Tree6's 15 pairs; the same seed gives the same run. */
    @Test
    void sampledEpochsVisitTheirShareOfPairsReproducibly() throws IOException {
        ShortestPaths target = ShortestPaths.of(EdgeLists.read(EmbeddingMetricsTest.DATA.resolve("tree6.edges")));
        EmbedOptions options = EmbedOptions.DEFAULTS.with(Optimisation.DEFAULTS.withBatchSize(4).withPairsPerEpoch(10))
                .with(Stopping.DEFAULTS.withMaxEpochs(20)).with(Execution.DEFAULTS.withSeed(3));
        TrainingResult a = new Trainer(new Euclidean(2), options).train(target);
        TrainingResult b = new Trainer(new Euclidean(2), options).train(target);
        for (EpochStats e : a.epochs()) {
            assertEquals(10, e.pairs() + e.failures());
        }
        assertArrayEquals(a.lossHistory(), b.lossHistory(), 0.0);
        assertEquals(target.pairCount(), a.distances().size());
    }

    /**
     * With sampleEpochs = 3 each sample of 10 of Tree6's 15 pairs is visited in 3 epochs in a row,
     * each pair once an epoch; the warm starts are forgotten only before the final distances.
     */
    @Test
    void aSampleIsKeptForItsEpochs() throws IOException {
        ShortestPaths target = ShortestPaths.of(EdgeLists.read(EmbeddingMetricsTest.DATA.resolve("tree6.edges")));
        List<Integer> calls = new ArrayList<>();
        int clear = -1;
        EmbeddingSpace recording = new EmbedFixtures.Plane() {
            private final Euclidean flat = new Euclidean(2);

            @Override
            public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                                         double[] gTheta) {
                calls.add(pair);
                return flat.distance(pair, x, y, theta, gx, gy, gTheta);
            }

            @Override
            public void clearWarmStarts() {
                calls.add(clear);
            }
        };
        EmbedOptions options = EmbedOptions.DEFAULTS
                .with(Optimisation.DEFAULTS.withBatchSize(4).withPairsPerEpoch(10).withSampleEpochs(3))
                .with(Stopping.DEFAULTS.withMaxEpochs(6).withPatience(100)).with(Execution.DEFAULTS.withSeed(5));
        TrainingResult r = new Trainer(recording, options).train(target);
        assertEquals(6, r.epochs().size());
        // epochs 1-3, epochs 4-6, clear (before the final distances), every pair once
        assertEquals(clear, calls.get(60));
        assertEquals(61 + target.pairCount(), calls.size());
        assertEquals(1, calls.stream().filter(c -> c == clear).count());
        for (int block : new int[] {0, 30}) {
            Map<Integer, Integer> visits = new TreeMap<>();
            for (int k = block; k < block + 30; k++) {
                visits.merge(calls.get(k), 1, Integer::sum);
                if ((k - block) % 10 == 9) {
                    // an epoch visits each pair of its sample once
                    assertEquals(((k - block) / 10 + 1) * 10, visits.values().stream().mapToInt(Integer::intValue).sum());
                    assertEquals(10, visits.size(), "epoch ending at call " + k + " visits " + visits);
                }
            }
            assertTrue(visits.values().stream().allMatch(v -> v == 3), visits.toString());
        }
        // the second sample is a fresh draw, not the first again
        assertTrue(!new TreeSet<>(calls.subList(0, 10)).equals(new TreeSet<>(calls.subList(30, 40))),
                calls.toString());
        // and the batches' order changes between a sample's epochs
        assertTrue(!calls.subList(0, 10).equals(calls.subList(10, 20)), calls.toString());
    }

    /** Without given parameters, a run starts from the space's θ drawn with the run's seed. */
    @Test
    void theInitialParametersAreDrawnWithTheSeed() throws IOException {
        ShortestPaths target = ShortestPaths.of(EdgeLists.read(EmbeddingMetricsTest.DATA.resolve("tree6.edges")));
        List<Long> seen = new ArrayList<>();
        EmbeddingSpace seeded = new EmbeddingSpace() {
            private final Euclidean flat = new Euclidean(2);

            @Override
            public String name() {
                return "seeded";
            }

            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public int parameterCount() {
                return 1;
            }

            @Override
            public double[] initialParameters() {
                return new double[] {-1};
            }

            @Override
            public double[] initialParameters(long seed) {
                seen.add(seed);
                return new double[] {seed};
            }

            @Override
            public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                                         double[] gTheta) {
                gTheta[0] = 0;
                return flat.distance(pair, x, y, new double[0], gx, gy, new double[0]);
            }

            @Override
            public void project(double[] x) {
            }

            @Override
            public EmbeddingSpace forThread() {
                return this;
            }
        };
        EmbedOptions options = EmbedOptions.DEFAULTS.with(Stopping.DEFAULTS.withMaxEpochs(2))
                .with(Execution.DEFAULTS.withThreads(1).withSeed(17));
        TrainingResult r = new Trainer(seeded, options).train(target);
        assertEquals(List.of(17L), seen);
        assertEquals(17, r.theta()[0], 0.0);
    }
}
