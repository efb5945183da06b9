package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.data.graph.Graph;
import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.PairDistance;
import org.junit.jupiter.api.Test;

/**
 * {@link PairValues}: failed pairs are counted and keep their failure, their values cannot be read,
 * and the metrics leave them out: on the path 0–1–2–3 with pair 0–2 failed, against metrics worked
 * out by hand.
 */
class PairValuesTest {

    private static final ShortestPaths PATH = ShortestPaths.of(new Graph.Builder().edge(0, 1).edge(1, 2).edge(2, 3)
            .build());

    @Test
    void failedPairsAreCountedKeepTheirFailureAndHaveNoValue() {
        PairValues v = PairValues.of(1, 2, 3, 4);
        assertEquals(0, v.failedCount());
        PairDistance failure = PairDistance.failed(PairDistance.Status.NOT_MINIMAL, "a shorter geodesic exists");
        v.set(1, failure);
        v.set(3, PairDistance.failed(PairDistance.Status.NOT_CONVERGED, "no convergence"));
        assertEquals(2, v.failedCount());
        assertTrue(v.isFailed(1) && v.isFailed(3));
        assertFalse(v.isFailed(0) || v.isFailed(2));
        assertEquals(3, v.value(2), 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.value(1));
        assertTrue(e.getMessage().contains("NOT_MINIMAL"), e.getMessage());
        assertSame(failure, v.get(1));
        assertEquals(PairDistance.of(1), v.get(0));
        // a value set again replaces the failure
        v.set(3, 5.0);
        assertEquals(1, v.failedCount());
        assertEquals(5, v.value(3), 0);
    }

    @Test
    void aNewInstanceHasNothingEvaluatedAndNaNIsNoValue() {
        PairValues v = new PairValues(3);
        assertEquals(3, v.failedCount());
        assertEquals(PairDistance.Status.SKIPPED, v.get(0).status());
        assertThrows(IllegalStateException.class, () -> v.value(0));
        assertThrows(IllegalArgumentException.class, () -> v.set(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PairValues.of(1, Double.NaN));
    }

    @Test
    void pickAndScatterCarryValuesAndFailures() {
        PairValues v = EmbedFixtures.withFailed(new double[] {10, 11, 12, 13}, 2);
        PairValues picked = v.pick(new int[] {3, 2});
        assertEquals(13, picked.value(0), 0);
        assertSame(EmbedFixtures.FAILED, picked.get(1));
        PairValues back = new PairValues(4);
        back.scatter(new int[] {1, 0}, picked);
        assertEquals(13, back.value(1), 0);
        assertTrue(back.isFailed(0) && back.isFailed(2) && back.isFailed(3));
        assertEquals(PairDistance.Status.NOT_CONVERGED, back.get(0).status());
    }

    /**
     * Pairs 0–1, 0–2, 0–3, 1–2, 1–3, 2–3 (d_G 1, 2, 3, 1, 2, 1) at d_M 1, (failed), 3, 2, 2, 0.5:
     * <ul>
     *   <li>average distortion (s = 1) over the 5 counted pairs: (0 + 0 + 1 + 0 + 0.5)/5 = 0.3;</li>
     *   <li>worst case: max d_M/d_G = 2 (1–2) times max d_G/d_M = 2 (2–3) = 4;</li>
     *   <li>MAP: node 0 ranks 1 first (2 is not ranked): 1; node 1: neighbour 0 first (1), neighbour 2
     *       at 2 ties with the non-neighbour 3 (2 hits in 3): (1 + 2/3)/2 = 5/6; node 2: neighbours 3
     *       (0.5) and 1 (2) first, 0 not ranked: 1; node 3: 1. MAP = (3 + 5/6)/4 = 23/24.</li>
     * </ul>
     * Ranked as a pair at distance 0 instead, the failed pair would put 2 before 1 for node 0 (AP 1/2).
     */
    @Test
    void theMetricsLeaveFailedPairsOutAsWorkedOutByHand() {
        double[] d = new double[6];
        d[PATH.pairIndex(0, 1)] = 1;
        d[PATH.pairIndex(0, 3)] = 3;
        d[PATH.pairIndex(1, 2)] = 2;
        d[PATH.pairIndex(1, 3)] = 2;
        d[PATH.pairIndex(2, 3)] = 0.5;
        EmbeddingMetrics m = EmbeddingMetrics.of(PATH, EmbedFixtures.withFailed(d, PATH.pairIndex(0, 2)), 1);
        assertEquals(1, m.failedPairs());
        assertEquals(5, m.countedPairs());
        assertEquals(4, m.rankedNodes());
        assertEquals(0.3, m.averageDistortion(), 1e-15);
        assertEquals(4, m.worstCaseDistortion(), 1e-15);
        assertEquals(23.0 / 24, m.meanAveragePrecision(), 1e-15);
    }

    @Test
    void metricsWithoutCountedPairsCannotBeRead() {
        ShortestPaths edge = ShortestPaths.of(new Graph.Builder().edge(0, 1).build());
        EmbeddingMetrics m = EmbeddingMetrics.of(edge, EmbedFixtures.withFailed(new double[] {1}, 0), 1);
        assertEquals(1, m.failedPairs());
        assertFalse(m.hasDistortions());
        assertFalse(m.hasMeanAveragePrecision());
        assertThrows(IllegalStateException.class, m::worstCaseDistortion);
        assertThrows(IllegalStateException.class, m::averageDistortion);
        assertThrows(IllegalStateException.class, m::meanAveragePrecision);
    }

    /** Distortions without a MAP: every graph neighbour's pair failed, the pair 0–2 did not. */
    @Test
    void theMapNeedsANeighbourPair() {
        double[] d = {0, 2, 0};
        ShortestPaths path3 = ShortestPaths.of(new Graph.Builder().edge(0, 1).edge(1, 2).build());
        PairValues v = EmbedFixtures.withFailed(d, path3.pairIndex(0, 1), path3.pairIndex(1, 2));
        v.set(path3.pairIndex(0, 2), 2.0);
        EmbeddingMetrics m = EmbeddingMetrics.of(path3, v, 1);
        assertTrue(m.hasDistortions());
        assertEquals(1, m.worstCaseDistortion(), 0);
        assertFalse(m.hasMeanAveragePrecision());
        assertThrows(IllegalStateException.class, m::meanAveragePrecision);
    }
}
