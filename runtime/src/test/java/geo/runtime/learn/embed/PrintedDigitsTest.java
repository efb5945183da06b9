package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.data.graph.Graph;
import geo.runtime.data.graph.ShortestPaths;
import org.junit.jupiter.api.Test;

/** The bounds and pair selections of {@link PrintedDigits}, on hand-computed cases (the path 0–1–2–3). */
class PrintedDigitsTest {

    private static final ShortestPaths PATH = ShortestPaths.of(new Graph.Builder().edge(0, 1).edge(1, 2).edge(2, 3)
            .build());

    /** The tolerances are a tenth of the last printed unit: 2 decimals for the worst case, 3 for the average. */
    @Test
    void tolerancesAreATenthOfTheLastPrintedUnit() {
        assertEquals(1e-3, PrintedDigits.WORST_CASE_TOLERANCE, 1e-18);
        assertEquals(1e-4, PrintedDigits.AVERAGE_TOLERANCE, 1e-19);
    }

    /** 2e/(1 − e)·W, and infinite for e ≥ 1; and it bounds the worst case's change when every ratio moves by e. */
    @Test
    void worstCaseBound() {
        assertEquals(2 * 0.01 / 0.99 * 10, PrintedDigits.worstCaseBound(10, 0.01), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, PrintedDigits.worstCaseBound(10, 1), 0);
        double[] d = {1, 2, 3, 1, 2, 1};
        double w = EmbeddingMetrics.of(PATH, PairValues.of(d), 1).worstCaseDistortion();
        double e = 0.02;
        double[] moved = d.clone();
        // one ratio up by e, another down by e: the extreme case
        moved[0] *= 1 + e;
        moved[5] *= 1 - e;
        double change = EmbeddingMetrics.of(PATH, PairValues.of(moved), 1).worstCaseDistortion() - w;
        // all ratios are 1: the extreme case meets the bound (to rounding)
        assertEquals(1, w, 1e-15);
        assertEquals(PrintedDigits.worstCaseBound(w, e), change, 1e-14);
    }

    /** Sample mean of s·(d/g)·e plus three standard errors; failed pairs left out; no bound without pairs. */
    @Test
    void averageBoundIsTheSampleMeanPlusThreeStandardErrors() {
        // pairs 0 (0–1, g = 1) and 1 (0–2, g = 2): t = 2·(1/1)·0.5e-4 = 1e-4 and 2·(3/2)·1e-4 = 3e-4
        int[] pairs = {PATH.pairIndex(0, 1), PATH.pairIndex(0, 2), PATH.pairIndex(0, 3)};
        double bound = PrintedDigits.averageBound(PATH, pairs, EmbedFixtures.withFailed(new double[] {1, 3, 0}, 2),
                PairValues.of(0.5e-4, 1e-4, 1), 2).getAsDouble();
        assertEquals(2e-4 + 3 * 1e-4, bound, 1e-18);
        assertTrue(PrintedDigits.averageBound(PATH, new int[0], PairValues.of(), PairValues.of(), 1).isEmpty());
    }

    /** The pairs whose ratio can be the largest or the smallest within the errors. */
    @Test
    void worstCaseCandidatesAreThePairsWithinTheErrorsOfTheExtremeRatios() {
        // pair indices of 0-1, 0-2, 0-3, 1-2, 1-3, 2-3 and their graph distances 1, 2, 3, 1, 2, 1
        double[] d = new double[6];
        double[] ratio = {1, 1.05, 2, 0.5, 0.52, 1.5};
        int[][] ends = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
        for (int i = 0; i < 6; i++) {
            int k = PATH.pairIndex(ends[i][0], ends[i][1]);
            d[k] = ratio[i] * PATH.distanceOfPair(k);
        }
        double[] none = new double[6];
        double[] tenth = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
        int[] exactOnly = PrintedDigits.worstCaseCandidates(PATH, PairValues.of(d), none);
        int[] banded = PrintedDigits.worstCaseCandidates(PATH, PairValues.of(d), tenth);
        int max = PATH.pairIndex(0, 3);
        int min = PATH.pairIndex(1, 2);
        int near = PATH.pairIndex(1, 3);
        assertArrayEquals(sorted(max, min), exactOnly);
        // 0.52·0.9 ≤ 0.5·1.1 makes 1–3 a candidate for the smallest; 1.5·1.1 < 2·0.9 leaves 2–3 out
        assertArrayEquals(sorted(max, min, near), banded);
    }

    /** An order a neighbour/non-neighbour of a node within the errors is undecided, and its pairs are marked. */
    @Test
    void undecidedOrdersAreNeighbourNonNeighbourPairsWithinTheErrors() {
        double[] d = new double[6];
        for (int k = 0; k < 6; k++) {
            d[k] = PATH.distanceOfPair(k);
        }
        d[PATH.pairIndex(1, 3)] = 1.05;
        double[] small = new double[6];
        double[] large = new double[6];
        java.util.Arrays.fill(small, 0.01);
        java.util.Arrays.fill(large, 0.03);
        assertEquals(0, PrintedDigits.undecidedOrders(PATH, PairValues.of(d), small, null));
        boolean[] involved = new boolean[6];
        // node 1: neighbours 0 and 2 against 3; node 3: neighbour 2 against 1
        assertEquals(3, PrintedDigits.undecidedOrders(PATH, PairValues.of(d), large, involved));
        for (int k = 0; k < 6; k++) {
            boolean expected = k == PATH.pairIndex(0, 1) || k == PATH.pairIndex(1, 2) || k == PATH.pairIndex(1, 3)
                    || k == PATH.pairIndex(2, 3);
            assertEquals(expected, involved[k], "pair " + k);
        }
    }

    private static int[] sorted(int... values) {
        return java.util.Arrays.stream(values).sorted().toArray();
    }
}
