package geo.cli.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.cost.CostMatrices;
import geo.runtime.transport.cost.CostResult;
import geo.runtime.transport.cost.SquaredEuclideanCost;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code geo ot --cost sqeuclidean --solver sinkhorn} solves on the point clouds without storing
 * C; the report must be the one the stored matrix gives, bit for bit.
 */
class TransportTest {

    private static double[][] cloud(SplittableRandom r, int n, int d) {
        double[][] x = new double[n][d];
        for (double[] p : x) {
            for (int k = 0; k < d; k++) {
                p[k] = r.nextGaussian();
            }
        }
        return x;
    }

    private static double[] weights(SplittableRandom r, int n, boolean uniform) {
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = uniform ? 1 : 0.2 + r.nextDouble();
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
        return w;
    }

    @Test
    void sinkhornOnThePointsIsTheStoredMatrixSolveBitForBit() {
        SplittableRandom r = new SplittableRandom(41);
        int[][] shapes = {{30, 30, 2}, {23, 37, 3}, {40, 17, 1}};
        for (int[] shape : shapes) {
            for (boolean uniform : new boolean[] {true, false}) {
                for (OptionalDouble eps : new OptionalDouble[] {OptionalDouble.empty(), OptionalDouble.of(0.01)}) {
                    double[][] x = cloud(r, shape[0], shape[2]);
                    double[][] y = cloud(r, shape[1], shape[2]);
                    double[] a = weights(r, shape[0], uniform);
                    double[] b = weights(r, shape[1], uniform);
                    CostResult built = CostMatrices.build(new SquaredEuclideanCost(shape[2]), x, y, new double[0], 2);
                    CostMatrix c = ((CostResult.Built) built).matrix();
                    for (int threads = 1; threads <= 2; threads++) {
                        Transport stored = Transport.sinkhorn(c, a, b, eps, 5000, threads);
                        Transport points = Transport.sinkhorn(x, y, a, b, eps, 5000, threads);
                        assertTrue(stored.ok(), stored.status().toString());
                        assertEquals(stored.status(), points.status());
                        assertEquals(stored.iterations(), points.iterations());
                        assertEquals(stored.cost(), points.cost());
                        assertEquals(stored.entropic(), points.entropic());
                        assertArrayEquals(stored.plan().mass(), points.plan().mass());
                        assertArrayEquals(stored.plan().from(), points.plan().from());
                        assertArrayEquals(stored.plan().to(), points.plan().to());
                    }
                }
            }
        }
    }
}
