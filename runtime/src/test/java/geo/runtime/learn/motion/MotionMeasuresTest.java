package geo.runtime.learn.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.learn.motion.Demonstrations.Demonstration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The measures against hand-computed values, k-means on separated clusters, and the synthetic demonstrations. */
class MotionMeasuresTest {

    private static double[][] line(double y, int n) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = new double[] {(double) i / (n - 1), y};
        }
        return p;
    }

    @Test
    void frechetAndDtwOfParallelSegmentsAreTheirOffset() {
        assertEquals(0.3, Measures.frechet(line(0, 11), line(0.3, 11)), 1e-15);
        assertEquals(0.3, Measures.dtw(line(0, 11), line(0.3, 11)).mean(), 1e-15);
        assertEquals(0, Measures.dtw(line(0, 11), line(0, 11)).cost(), 0);
        // A path that dwells: DTW couples it without cost, Fréchet too.
        double[][] dwell = {{0, 0}, {0, 0}, {0, 0}, {0.5, 0}, {1, 0}};
        assertEquals(0, Measures.dtw(dwell, line(0, 3)).cost(), 0);
        assertEquals(0, Measures.frechet(dwell, line(0, 3)), 0);
        // Reversed direction: Fréchet is the full length (the ends must be coupled).
        double[][] back = {{1, 0}, {0, 0}};
        assertEquals(1, Measures.frechet(back, line(0, 2)), 1e-15);
    }

    @Test
    void dtwAlignmentRunsCornerToCorner() {
        Measures.Alignment a = Measures.dtw(line(0, 5), line(0, 9));
        assertArrayEquals(new int[] {0, 0}, a.pairs()[0]);
        assertArrayEquals(new int[] {4, 8}, a.pairs()[a.pairs().length - 1]);
        assertEquals(9, a.pairs().length);
    }

    @Test
    void clearanceUsesSegmentsAndLengthSumsThem() {
        double[][] p = {{-1, 1}, {1, 1}};
        assertEquals(1, Measures.clearance(p, new double[] {0, 0}), 1e-15);
        assertEquals(2, Measures.length(p), 1e-15);
        assertEquals(Math.PI / 2, Measures.angle(new double[] {1, 0, 0}, new double[] {0, 0, 2}), 1e-15);
        assertEquals(0.5, Measures.meanNearest(new double[][] {{0, 0.5}}, line(0, 3)), 1e-15);
    }

    @Test
    void kMeansFindsThreeSeparatedClusters() {
        double[][] pts = new double[30][];
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        for (int i = 0; i < 30; i++) {
            double[] c = centres[i % 3];
            pts[i] = new double[] {c[0] + 0.1 * Math.cos(i), c[1] + 0.1 * Math.sin(i)};
        }
        KMeans.Result r = KMeans.cluster(pts, 3, 7);
        assertEquals(KMeans.Status.CONVERGED, r.status());
        for (int i = 0; i < 30; i++) {
            assertEquals(r.assignment()[i % 3], r.assignment()[i], "point " + i);
        }
        for (double[] c : r.centres()) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] t : centres) {
                best = Math.min(best, Math.hypot(c[0] - t[0], c[1] - t[1]));
            }
            assertTrue(best < 0.1, "centre " + c[0] + "," + c[1]);
        }
    }

    @Test
    void demonstrationsFollowTheFormulaAndAreReproducible() {
        List<Demonstration> ds = Demonstrations.synthetic(3, 7, 200);
        assertEquals(7, ds.size());
        for (Demonstration d : ds) {
            assertEquals(200, d.size());
            for (double[] q : d.orientation()) {
                assertEquals(1, Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]), 1e-12);
                // The C stays on the circle of angle ρ about the pole (0, 1, 0), up to the 0.01 rotation noise.
                assertEquals(Math.cos(Demonstrations.RHO), q[1], 0.05);
            }
            // Start near (6, 9) and end near the hook's end (1 − 5 cos 0.35, −4 + 5 sin 0.35), within the
            // scale (±10 %), rotation (3° sd) and translation (0.3 sd) of a demonstration.
            assertEquals(0, Math.hypot(d.position()[0][0] - 6, d.position()[0][1] - 9), 2.5);
            double[] end = d.position()[199];
            assertEquals(0, Math.hypot(end[0] - (1 - 5 * Math.cos(0.35)), end[1] - (-4 + 5 * Math.sin(0.35))), 2);
        }
        assertArrayEquals(ds.get(4).position()[17], Demonstrations.synthetic(3, 7, 200).get(4).position()[17]);
        assertArrayEquals(new double[] {6, 9}, Demonstrations.letterJ(0), 0);
        assertArrayEquals(new double[] {1 - 5 * Math.cos(0.35), -4 + 5 * Math.sin(0.35)}, Demonstrations.letterJ(1), 1e-12);
    }
}
