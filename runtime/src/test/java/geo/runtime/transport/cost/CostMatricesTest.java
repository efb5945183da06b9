package geo.runtime.transport.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.TransportPlan;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The matrix builder and plan gradients on the squared Euclidean cost (compiled costs are tested
 * in the examples module, which can compile models).
 */
class CostMatricesTest {

    private static double[][] cloud(SplittableRandom r, int n, int d) {
        double[][] p = new double[n][d];
        for (double[] q : p) {
            for (int i = 0; i < d; i++) {
                q[i] = r.nextGaussian();
            }
        }
        return p;
    }

    @Test
    void squaredEuclideanMatrixAndThreads() {
        SplittableRandom r = new SplittableRandom(1);
        double[][] xs = cloud(r, 37, 3);
        double[][] ys = cloud(r, 23, 3);
        AtomicInteger rows = new AtomicInteger();
        CostResult one = CostMatrices.build(new SquaredEuclideanCost(3), xs, ys, new double[0], 1,
                (i, m) -> rows.addAndGet(m));
        CostResult three = CostMatrices.build(new SquaredEuclideanCost(3), xs, ys, new double[0], 3);
        CostMatrix c = ((CostResult.Built) one).matrix();
        assertEquals(37 * 23, rows.get());
        assertArrayEquals(c.values(), ((CostResult.Built) three).matrix().values());
        assertEquals(37L * 23, one.counts().get(EntryStatus.OK));
        for (int i = 0; i < 37; i++) {
            for (int j = 0; j < 23; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += (xs[i][k] - ys[j][k]) * (xs[i][k] - ys[j][k]);
                }
                assertEquals(s, c.get(i, j), 1e-14);
            }
        }
    }

    /** ∂W/∂x_i = Σ_j π_ij 2(x_i − y_j) and ∂W/∂y_j = Σ_i π_ij 2(y_j − x_i), the same bits on 1 and 4 threads. */
    @Test
    void planGradientOfTheSquaredEuclideanCost() {
        SplittableRandom r = new SplittableRandom(2);
        int n = 70;
        double[][] xs = cloud(r, n, 2);
        double[][] ys = cloud(r, n, 2);
        int[] from = new int[2 * n];
        int[] to = new int[2 * n];
        double[] mass = new double[2 * n];
        for (int k = 0; k < 2 * n; k++) {
            from[k] = k / 2;
            to[k] = (k / 2 * 7 + k % 2) % n;
            mass[k] = 0.5 / n;
        }
        TransportPlan plan = new TransportPlan(n, n, from, to, mass);
        PlanGradient g = CostMatrices.planGradient(new SquaredEuclideanCost(2), xs, ys, new double[0], plan, 1);
        PlanGradient g4 = CostMatrices.planGradient(new SquaredEuclideanCost(2), xs, ys, new double[0], plan, 4);
        assertTrue(g.ok());
        assertEquals(g.cost(), g4.cost());
        double[][] sx = new double[n][2];
        double[][] sy = new double[n][2];
        double w = 0;
        for (int k = 0; k < 2 * n; k++) {
            for (int a = 0; a < 2; a++) {
                double diff = xs[from[k]][a] - ys[to[k]][a];
                sx[from[k]][a] += mass[k] * 2 * diff;
                sy[to[k]][a] -= mass[k] * 2 * diff;
                w += mass[k] * diff * diff;
            }
        }
        assertEquals(w, g.cost(), 1e-13);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(sx[i], g.sources()[i], 1e-14);
            assertArrayEquals(sy[i], g.targets()[i], 1e-14);
            assertArrayEquals(g.sources()[i], g4.sources()[i]);
        }
    }

    /** The chain visits every target once, each step to the nearest one not yet visited. */
    @Test
    void nearestNeighbourChain() {
        double[][] ys = cloud(new SplittableRandom(3), 50, 2);
        int[] order = CostMatrices.chain(ys);
        assertEquals(0, order[0]);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < 50; k++) {
            assertEquals(k, sorted[k]);
        }
        boolean[] seen = new boolean[50];
        seen[0] = true;
        for (int k = 1; k < 50; k++) {
            double step = Math.hypot(ys[order[k]][0] - ys[order[k - 1]][0], ys[order[k]][1] - ys[order[k - 1]][1]);
            for (int j = 0; j < 50; j++) {
                if (!seen[j]) {
                    assertTrue(step <= Math.hypot(ys[j][0] - ys[order[k - 1]][0], ys[j][1] - ys[order[k - 1]][1]));
                }
            }
            seen[order[k]] = true;
        }
    }

    @Test
    void badShapesAreRefused() {
        SquaredEuclideanCost c = new SquaredEuclideanCost(2);
        assertThrows(IllegalArgumentException.class, () -> CostMatrices.build(c, new double[0][], new double[][] {{0, 0}},
                new double[0], 1));
        assertThrows(IllegalArgumentException.class, () -> CostMatrices.build(c, new double[][] {{0, 0, 0}},
                new double[][] {{0, 0}}, new double[0], 1));
        assertThrows(IllegalArgumentException.class, () -> CostMatrices.build(c, new double[][] {{0, 0}},
                new double[][] {{0, 0}}, new double[1], 1));
    }
}
