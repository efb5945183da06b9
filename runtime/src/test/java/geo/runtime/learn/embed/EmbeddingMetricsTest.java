package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import geo.runtime.data.graph.EdgeLists;
import geo.runtime.data.graph.Graph;
import geo.runtime.data.graph.Graphs;
import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.closed.CircleArc;
import geo.runtime.manifold.closed.Euclidean;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingMetricsTest {

    static final Path DATA = Path.of("..", "examples", "graph-embedding", "data");

    @Test
    void cycle10EvenlyOnACircleOfCircumference10IsAPerfectEmbedding() throws IOException {
        ShortestPaths target = ShortestPaths.of(EdgeLists.read(DATA.resolve("cycle10.edges")));
        double[][] positions = new double[10][];
        for (int k = 0; k < 10; k++) {
            positions[k] = new double[] {k};
        }
        EmbeddingMetrics m = EmbeddingMetrics.of(target, new CircleArc(10), positions, new double[0], 1);
        assertEquals(0.0, m.averageDistortion());
        assertEquals(1.0, m.worstCaseDistortion());
        assertEquals(1.0, m.meanAveragePrecision());
        assertEquals(0, m.failedPairs());
        // half the size and a scale of 2: the average distortion uses s·d_M, the worst case ignores s
        double[][] half = new double[10][];
        for (int k = 0; k < 10; k++) {
            half[k] = new double[] {k / 2.0};
        }
        EmbeddingMetrics scaled = EmbeddingMetrics.of(target, new CircleArc(5), half, new double[0], 2);
        assertEquals(0.0, scaled.averageDistortion());
        assertEquals(1.0, scaled.worstCaseDistortion());
        EmbeddingMetrics unscaled = EmbeddingMetrics.of(target, new CircleArc(5), half, new double[0], 1);
        assertEquals(0.5, unscaled.averageDistortion());
        assertEquals(1.0, unscaled.worstCaseDistortion());
    }

    @Test
    void averagePrecisionOfAHandWorkedPath() {
        // path 0-1-2 with d_M(0,1) = 1, d_M(0,2) = 2, d_M(1,2) = 3: node 2 sees 0 (a non-neighbour)
        // before its neighbour 1, so its AP is 1/2; nodes 0 and 1 have AP 1; MAP = 5/6
        ShortestPaths path = ShortestPaths.of(new Graph.Builder().edge(0, 1).edge(1, 2).build());
        double[] d = new double[3];
        d[path.pairIndex(0, 1)] = 1;
        d[path.pairIndex(0, 2)] = 2;
        d[path.pairIndex(1, 2)] = 3;
        EmbeddingMetrics m = EmbeddingMetrics.of(path, PairValues.of(d), 1);
        assertEquals(5.0 / 6, m.meanAveragePrecision(), 1e-15);
        // |1−1|/1, |2−2|/2, |3−1|/1
        assertEquals(2.0 / 3, m.averageDistortion(), 1e-15);
        // max(d_M/d_G) = 3, max(d_G/d_M) = 1
        assertEquals(3, m.worstCaseDistortion(), 1e-15);
    }

    @Test
    void randomEmbeddingsAgreeWithAnIndependentSortingImplementation() {
        ShortestPaths target = ShortestPaths.of(Graphs.grid(4, 5));
        int n = target.nodeCount();
        Random random = new Random(5);
        for (int trial = 0; trial < 5; trial++) {
            double[][] x = new double[n][2];
            for (double[] p : x) {
                p[0] = random.nextGaussian();
                p[1] = random.nextGaussian();
            }
            double[][] dm = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    dm[i][j] = Math.hypot(x[i][0] - x[j][0], x[i][1] - x[j][1]);
                }
            }
            double sum = 0;
            double expand = 0;
            double contract = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double g = target.distance(i, j);
                    sum += Math.abs(1.5 * dm[i][j] - g) / g;
                    expand = Math.max(expand, dm[i][j] / g);
                    contract = Math.max(contract, g / dm[i][j]);
                }
            }
            double map = 0;
            for (int u = 0; u < n; u++) {
                final int from = u;
                Integer[] ranked = new Integer[n - 1];
                for (int v = 0, k = 0; v < n; v++) {
                    if (v != u) {
                        ranked[k++] = v;
                    }
                }
                Arrays.sort(ranked, (a, b) -> Double.compare(dm[from][a], dm[from][b]));
                double ap = 0;
                int hits = 0;
                for (int r = 0; r < ranked.length; r++) {
                    if (target.distance(u, ranked[r]) == 1) {
                        hits++;
                        ap += (double) hits / (r + 1);
                    }
                }
                map += ap / hits;
            }
            EmbeddingMetrics m = EmbeddingMetrics.of(target, new Euclidean(2), x, new double[0], 1.5);
            assertEquals(sum / target.pairCount(), m.averageDistortion(), 1e-13);
            assertEquals(expand * contract, m.worstCaseDistortion(), 1e-12 * expand * contract);
            assertEquals(map / n, m.meanAveragePrecision(), 1e-13);
        }
    }

    @Test
    void failedPairsAreCountedAndLeftOut() {
        ShortestPaths target = ShortestPaths.of(Graphs.cycle(4));
        double[] d = new double[target.pairCount()];
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                d[target.pairIndex(i, j)] = target.distance(i, j);
            }
        }
        EmbeddingMetrics m = EmbeddingMetrics.of(target, EmbedFixtures.withFailed(d, target.pairIndex(0, 2)), 1);
        assertEquals(1, m.failedPairs());
        assertEquals(0.0, m.averageDistortion());
        assertEquals(1.0, m.worstCaseDistortion());
        assertEquals(1.0, m.meanAveragePrecision());
    }
}
