package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.data.graph.EdgeLists;
import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.RefinableSpace;
import geo.runtime.manifold.WarmStartedSpace;
import java.io.IOException;
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
    private static final double C = 2;
    /** The error constant of the pair {@link #ROUGH}. */
    private static final double C_ROUGH = 40;
    /** A pair with a larger discretisation error, placed three times too far: the largest ratio d_M/d_G. */
    private static final int ROUGH = 123;
    /** A pair that fails on meshes coarser than 128 steps. */
    private static final int COARSE_FAIL = 7;
    /** A pair that fails everywhere. */
    private static final int ALWAYS_FAIL = 11;
    /** A pair whose warm start follows a geodesic 1.5 times too long. */
    private static final int LONG_WARM = 13;

    /**
     * The mesh: 16 → 32 changes the ordinary pairs by 2·(16⁻⁴ − 32⁻⁴) ≈ 2.9e-5 and 32 → 64 by 1.8e-6,
     * but the rough pair, one of the extremes the sample includes, by 40·(32⁻⁴ − 64⁻⁴) ≈ 3.6e-5 at
     * 32 → 64 and 2.2e-6 at 64 → 128: the mesh settles at 64 steps. The pair failing below 64 steps
     * (below 128 steps) fails the full pass and is recovered by the retry on 128 steps; the one
     * failing everywhere is retried and stays failed; the long
     * warm start loses to its fresh solve at every mesh. Each reported distance is exactly the
     * fake's value on its mesh, and the counts and changes are those the construction implies.
     */
    @Test
    void theMeshIsSettledOnASampleWithTheExtremePairsThenFailuresAreRetriedAndCounted() throws IOException {
        ShortestPaths target = ShortestPaths.of(EdgeLists.read(EmbeddingMetricsTest.DATA.resolve("tree40.edges")));
        int n = target.nodeCount();
        double[] positions = new double[2 * n];
        SplittableRandom random = new SplittableRandom(3);
        for (int k = 0; k < positions.length; k++) {
            positions[k] = 10 * random.nextDouble();
        }
        Fake space = new Fake(0, true, ConcurrentHashMap.newKeySet(), new AtomicLong());
        for (int k = 0; k < target.pairCount(); k++) {
            space.warm.add(k);
        }
        FinalDistances f = new FinalDistances(target, 2, positions, new double[0], 5, 2);
        FinalDistances.Result r = f.evaluate(space);
        Evaluation e = r.evaluation();

        assertEquals("RK4 × 16", e.training());
        assertEquals("RK4 × 64", e.reported());
        assertEquals(2, e.refinements());
        assertTrue(e.settled(), e.toString());
        assertTrue(e.sampledPairs() >= FinalDistances.SAMPLE && e.sampledPairs() <= FinalDistances.SAMPLE + 20,
                e.toString());
        assertEquals(1, e.freshShorter(), e.toString());
        assertEquals(2, e.retried(), e.toString());
        assertEquals(1, e.recovered(), e.toString());
        double rough = 16.0 / 15 * C_ROUGH * (Math.pow(64, -4) - Math.pow(128, -4)) / (1 + C_ROUGH * Math.pow(128, -4));
        assertEquals(rough, e.sampleError(), 1e-15);
        assertEquals(rough, e.checkError(), 1e-15);
        for (int k = 0; k < target.pairCount(); k++) {
            double chord = Fake.chord(k, target, positions);
            if (k == ALWAYS_FAIL) {
                assertTrue(Double.isNaN(r.distances()[k]));
            } else if (k == COARSE_FAIL) {
                // recovered by the retry: solved cold on 128 steps
                assertEquals(chord * (1 + C / Math.pow(128, 4)), r.distances()[k], 1e-14 * chord);
            } else {
                double c = k == ROUGH ? 3 * (1 + C_ROUGH / Math.pow(64, 4)) : 1 + C / Math.pow(64, 4);
                assertEquals(chord * c, r.distances()[k], 1e-14 * chord, "pair " + k);
            }
        }
        // the training space's warm starts are left in place
        assertTrue(space.hasWarmStart(LONG_WARM));
    }

    /** The sample is seeded: the same seed draws the same pairs, another seed others; always sorted and distinct. */
    @Test
    void theSampleIsSeeded() throws IOException {
        ShortestPaths target = ShortestPaths.of(EdgeLists.read(EmbeddingMetricsTest.DATA.resolve("tree40.edges")));
        double[] d = new double[target.pairCount()];
        Arrays.fill(d, 1);
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

    /** Largest relative change over the pairs computed at both meshes (NaN when there are none). */
    @Test
    void largestChangeIsOverThePairsComputedAtBothMeshes() {
        assertEquals(0.5, FinalDistances.largestChange(new double[] {1, 3}, new double[] {2, 3}), 0);
        assertEquals(0, FinalDistances.largestChange(new double[] {1, Double.NaN}, new double[] {1, 2}), 0);
        assertEquals(0.25, FinalDistances.largestChange(new double[] {Double.NaN, 3}, new double[] {1, 4}), 0);
        assertTrue(Double.isNaN(FinalDistances.largestChange(new double[] {Double.NaN}, new double[] {1})));
    }

    /** The fake discretised, warm-started space described in the class comment. */
    private record Fake(int level, boolean warmStarts, Set<Integer> warm, AtomicLong solves)
            implements RefinableSpace, WarmStartedSpace {

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
        public double distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                               double[] gTheta) {
            solves.incrementAndGet();
            if (pair == ALWAYS_FAIL || (pair == COARSE_FAIL && steps() < 128)) {
                return Double.NaN;
            }
            double c = pair == ROUGH ? C_ROUGH : C;
            double d = Math.hypot(x[0] - y[0], x[1] - y[1]) * (1 + c / Math.pow(steps(), 4));
            boolean fromWarm = warmStarts && warm.contains(pair);
            if (warmStarts) {
                warm.add(pair);
            }
            return (pair == ROUGH ? 3 : 1) * (pair == LONG_WARM && fromWarm ? 1.5 : 1) * d;
        }

        @Override
        public RefinableSpace refined(int more) {
            Set<Integer> copy = ConcurrentHashMap.newKeySet();
            copy.addAll(warm);
            return new Fake(level + more, warmStarts, copy, solves);
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
            return new Fake(level, false, ConcurrentHashMap.newKeySet(), solves);
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public int parameterCount() {
            return 0;
        }

        @Override
        public double[] initialParameters() {
            return new double[0];
        }

        @Override
        public void project(double[] x) {
        }

        @Override
        public EmbeddingSpace forThread() {
            return this;
        }
    }
}
