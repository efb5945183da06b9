package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.data.graph.EdgeLists;
import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.RefinableSpace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The final evaluation of a discretised space ({@link FinalDistances}) on a fake solver whose error
 * is known exactly: distance = |x − y| · (1 + C/n⁴) on a mesh of n = 16·2^level steps (the form of
 * RK4's error), on Tree40 (780 pairs, more than the sample of 500).
 */
class FinalDistancesTest {

    /** The error constant of every pair but {@link #ROUGH}. */
    private static final double C = 20;
    /** The error constant of the pair {@link #ROUGH}. */
    private static final double C_ROUGH = 400;
    /** A pair with a larger discretisation error, placed three times too far: the largest ratio d_M/d_G. */
    private static final int ROUGH = 123;
    /** A pair that fails on meshes coarser than 64 steps. */
    private static final int COARSE_FAIL = 7;
    /** A pair that fails everywhere. */
    private static final int ALWAYS_FAIL = 11;
    /** A pair that fails everywhere from the straight line and is solved from a path-based guess. */
    private static final int PATH_ONLY = 17;
    /** A pair whose warm start follows a geodesic 1.5 times too long. */
    private static final int LONG_WARM = 13;

    /**
     * With the scale s = 1/mean(d/g), the average distortion's bound is about the mean relative
     * error: C/16⁴ ≈ 3.1e-4 on 16 steps (over its tolerance 1e-4), C/32⁴ ≈ 1.9e-5 on 32: the full
     * pass is on 32 steps. The rough pair's error there, 400/32⁴ ≈ 3.8e-4, is far over what the
     * worst case needs, so it (and whatever pairs the error band makes candidates, or the MAP's
     * undecided orders need) is solved on finer meshes; every other pair keeps its 32-step value. The
     * pair failing below 64 steps fails the full pass and is recovered by the retry on 64; the one
     * failing from the straight line everywhere is recovered on 64 from the path-based guess; the one
     * failing everywhere is retried and stays failed; the long warm start loses to its fresh solve.
     * The reported metrics are within the stated bounds, and those within the tolerances, of the
     * metrics of the exact distances, and the MAP equals the exact one.
     */
    @Test
    void theFullPassMeshIsChosenForTheAverageAndOnlyThePairsTheWorstCaseAndMapNeedAreRefined() throws IOException {
        ShortestPaths target = ShortestPaths.of(EdgeLists.read(EmbeddingMetricsTest.DATA.resolve("tree40.edges")));
        int n = target.nodeCount();
        double[] positions = new double[2 * n];
        SplittableRandom random = new SplittableRandom(3);
        for (int k = 0; k < positions.length; k++) {
            positions[k] = 10 * random.nextDouble();
        }
        double[] exact = new double[target.pairCount()];
        double ratios = 0;
        for (int k = 0; k < exact.length; k++) {
            exact[k] = (k == ROUGH ? 3 : 1) * Fake.chord(k, target, positions);
            ratios += exact[k] / target.distanceOfPair(k);
        }
        double scale = exact.length / ratios;
        Map<String, Integer> solvedOn = new ConcurrentHashMap<>();
        Fake space = new Fake(0, true, ConcurrentHashMap.newKeySet(), new AtomicLong(), solvedOn);
        for (int k = 0; k < target.pairCount(); k++) {
            space.warm.add(k);
        }
        Stages stages = new Stages();
        FinalDistances f = new FinalDistances(target, 2, positions, new double[0], 5, 2, stages);
        FinalDistances.Result r = f.evaluate(space, scale);
        Evaluation e = r.evaluation();

        assertEquals("RK4 × 16", e.training());
        assertEquals("RK4 × 32", e.reported());
        assertEquals(1, e.refinements());
        assertTrue(e.settled(), e.toString());
        assertTrue(e.sampledPairs() >= FinalDistances.SAMPLE && e.sampledPairs() <= FinalDistances.SAMPLE + 20,
                e.toString());
        assertEquals(1, e.freshShorter(), e.toString());
        assertEquals(3, e.retried(), e.toString());
        assertEquals(2, e.recovered(), e.toString());
        assertEquals(1, e.fromPath(), e.toString());
        assertTrue(e.averageBound() <= Evaluation.AVERAGE_TOLERANCE, e.toString());
        assertTrue(e.worstCaseBound() <= Evaluation.WORST_CASE_TOLERANCE, e.toString());
        assertEquals(0, e.undecided(), e.toString());
        assertTrue(e.refinedPairs() >= 1 && e.refinedPairs() < target.pairCount() / 10, e.toString());
        int refined = 0;
        for (int k = 0; k < target.pairCount(); k++) {
            double chord = Fake.chord(k, target, positions);
            if (k == ALWAYS_FAIL) {
                assertTrue(r.distances().isFailed(k));
                continue;
            }
            double c = k == ROUGH ? C_ROUGH : C;
            double base = k == ROUGH ? 3 * chord : chord;
            // the pair failing below 64 steps was recovered by the retry on 64 steps, the one failing
            // everywhere from the straight line by the path-based guess on 64 steps (either may be refined further)
            int steps = k == COARSE_FAIL || k == PATH_ONLY ? 64 : 32;
            double reported = r.distances().value(k);
            while (steps <= 256 && Math.abs(base * (1 + c / Math.pow(steps, 4)) - reported) > 1e-14 * base) {
                steps *= 2;
            }
            assertTrue(steps <= 256, "pair " + k + " is not a mesh's value: " + reported);
            refined += steps > 32 && k != COARSE_FAIL && k != PATH_ONLY ? 1 : 0;
        }
        assertTrue(refined <= e.refinedPairs(), refined + " " + e);
        EmbeddingMetrics reported = EmbeddingMetrics.of(target, r.distances(), scale);
        EmbeddingMetrics truth = EmbeddingMetrics.of(target, EmbedFixtures.withFailed(exact, ALWAYS_FAIL), scale);
        assertEquals(truth.worstCaseDistortion(), reported.worstCaseDistortion(), e.worstCaseBound());
        assertEquals(truth.averageDistortion(), reported.averageDistortion(), e.averageBound());
        assertEquals(truth.meanAveragePrecision(), reported.meanAveragePrecision(), 0);
        // no pair is solved twice on one refined mesh from the same start: the full pass and the
        // refinement take the sample's values where it has them
        solvedOn.forEach((key, count) -> assertTrue(key.startsWith("0 ") || count == 1, key + " solved " + count + " times"));
        // the training space's warm starts are left in place
        assertTrue(space.hasWarmStart(LONG_WARM));
        // progress: the first stage is every pair on the training mesh, and each stage's pairs are all reported
        assertEquals("pairs on the training mesh " + target.pairCount(), stages.names.get(0));
        assertEquals(stages.totals, stages.counts());
    }

    /** A listener that records each stage's name, total and the pairs reported solved in it. */
    private static final class Stages implements EvaluationListener {
        final List<String> names = new ArrayList<>();
        final List<Long> totals = new ArrayList<>();
        final List<Long> counts = new ArrayList<>();
        private final LongAdder current = new LongAdder();

        @Override
        public synchronized void stage(String what, long pairs) {
            if (!totals.isEmpty()) {
                counts.add(current.sumThenReset());
            }
            names.add(what + " " + pairs);
            totals.add(pairs);
        }

        @Override
        public void solved(long pairs) {
            current.add(pairs);
        }

        List<Long> counts() {
            List<Long> out = new ArrayList<>(counts);
            out.add(current.sum());
            return out;
        }
    }

    /** The sample is seeded: the same seed draws the same pairs, another seed others; always sorted and distinct. */
    @Test
    void theSampleIsSeeded() throws IOException {
        ShortestPaths target = ShortestPaths.of(EdgeLists.read(EmbeddingMetricsTest.DATA.resolve("tree40.edges")));
        double[] ones = new double[target.pairCount()];
        Arrays.fill(ones, 1);
        PairValues d = PairValues.of(ones);
        int[] a = new FinalDistances(target, 2, new double[2 * target.nodeCount()], new double[0], 1, 1).sample(d);
        int[] b = new FinalDistances(target, 2, new double[2 * target.nodeCount()], new double[0], 1, 2).sample(d);
        int[] c = new FinalDistances(target, 2, new double[2 * target.nodeCount()], new double[0], 2, 1).sample(d);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        for (int[] s : new int[][] {a, c}) {
            for (int i = 1; i < s.length; i++) {
                assertTrue(s[i - 1] < s[i]);
            }
        }
    }

    /** Per-pair Richardson errors (failed where either distance failed) and the largest of them (none without any). */
    @Test
    void errorsAreRichardsonPerPairOverThePairsComputedAtBothMeshes() {
        PairValues e = FinalDistances.errors(EmbedFixtures.withFailed(new double[] {1, 3, 0, 2}, 2),
                EmbedFixtures.withFailed(new double[] {2, 3, 1, 0}, 3));
        assertEquals(16.0 / 15 * 0.5, e.value(0), 0);
        assertEquals(0, e.value(1), 0);
        assertTrue(e.isFailed(2) && e.isFailed(3));
        assertEquals(16.0 / 15 * 0.5, FinalDistances.largest(e).getAsDouble(), 0);
        assertTrue(FinalDistances.largest(EmbedFixtures.withFailed(new double[] {0}, 0)).isEmpty());
    }

    /** The fake discretised, warm-started space described in the class comment. */
    private record Fake(int level, boolean warmStarts, Set<Integer> warm, AtomicLong solves,
                        Map<String, Integer> solvedOn)
            implements RefinableSpace, EmbedFixtures.Plane {

        static double chord(int pair, ShortestPaths target, double[] p) {
            int n = target.nodeCount();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (target.pairIndex(i, j) == pair) {
                        return Math.hypot(p[2 * i] - p[2 * j], p[2 * i + 1] - p[2 * j + 1]);
                    }
                }
            }
            throw new AssertionError();
        }

        private int steps() {
            return 16 << level;
        }

        @Override
        public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                                     double[] gTheta) {
            solves.incrementAndGet();
            solvedOn.merge(level + (warmStarts ? " warm " : " cold ") + pair, 1, Integer::sum);
            if (pair == ALWAYS_FAIL || pair == PATH_ONLY || (pair == COARSE_FAIL && steps() < 64)) {
                return PairDistance.failed(PairDistance.Status.NOT_CONVERGED, "fake: pair " + pair + " fails here");
            }
            double c = pair == ROUGH ? C_ROUGH : C;
            double d = Math.hypot(x[0] - y[0], x[1] - y[1]) * (1 + c / Math.pow(steps(), 4));
            boolean fromWarm = warmStarts && warm.contains(pair);
            if (warmStarts) {
                warm.add(pair);
            }
            return PairDistance.of((pair == ROUGH ? 3 : 1) * (pair == LONG_WARM && fromWarm ? 1.5 : 1) * d);
        }

        @Override
        public PairDistance distanceFromPath(int pair, double[] x, double[] y, double[] theta) {
            solves.incrementAndGet();
            return pair == ALWAYS_FAIL ? PairDistance.failed(PairDistance.Status.NOT_CONVERGED, "fake: always fails")
                    : PairDistance.of(Math.hypot(x[0] - y[0], x[1] - y[1]) * (1 + C / Math.pow(steps(), 4)));
        }

        @Override
        public RefinableSpace refined(int more) {
            Set<Integer> copy = ConcurrentHashMap.newKeySet();
            copy.addAll(warm);
            return new Fake(level + more, warmStarts, copy, solves, solvedOn);
        }

        @Override
        public String resolution() {
            return "RK4 × " + steps();
        }

        @Override
        public void clearWarmStarts() {
            warm.clear();
        }

        @Override
        public boolean hasWarmStart(int pair) {
            return warmStarts && warm.contains(pair);
        }

        @Override
        public EmbeddingSpace withoutWarmStarts() {
            return new Fake(level, false, ConcurrentHashMap.newKeySet(), solves, solvedOn);
        }
    }
}
