package geo.runtime.transport;

import static geo.runtime.transport.SinkhornTest.cloud;
import static geo.runtime.transport.SinkhornTest.weights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sinkhorn on point clouds with the cost computed on the fly equals Sinkhorn on the stored cost
 * matrix bit for bit: every potential, plan entry, cost and the iteration count, in the
 * alternating iteration (rows of C, and the transposed path taken for a zero target weight), the
 * symmetric one, with and without ε-scaling, on one and two threads, in dimensions 1 to 3.
 */
class SinkhornPointsTest {

    private static void assertSame(SinkhornResult expected, SinkhornResult actual) {
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.iterations(), actual.iterations());
        assertArrayEquals(expected.f(), actual.f(), 0.0);
        assertArrayEquals(expected.g(), actual.g(), 0.0);
        assertArrayEquals(expected.plan().from(), actual.plan().from());
        assertArrayEquals(expected.plan().to(), actual.plan().to());
        assertArrayEquals(expected.plan().mass(), actual.plan().mass(), 0.0);
        assertEquals(expected.transportCost(), actual.transportCost(), 0.0);
        assertEquals(expected.regularisedCost(), actual.regularisedCost(), 0.0);
        assertEquals(expected.dualCost(), actual.dualCost(), 0.0);
        assertEquals(expected.marginalError(), actual.marginalError(), 0.0);
    }

    @Test
    void onTheFlyCostsGiveTheStoredMatrixResultsBitForBit() {
        SplittableRandom r = new SplittableRandom(31);
        int cases = 0;
        for (int d = 1; d <= 3; d++) {
            for (PointCost.SquaredEuclidean cost : new PointCost.SquaredEuclidean[] {
                    new PointCost.SquaredEuclidean(0.5), new PointCost.SquaredEuclidean(1.7)}) {
                double[][] x = cloud(r, 41, d, 2);
                double[][] y = cloud(r, 36, d, 2);
                double[] a = weights(r, 41, 1);
                double[] b = weights(r, 36, 1);
                double[] bZero = b.clone();
                bZero[1] += bZero[4];
                bZero[4] = 0;
                CostMatrix c = cost.matrix(x, y);
                for (double[] target : new double[][] {b, bZero}) {
                    for (double scaling : new double[] {1, 0.5}) {
                        for (int threads = 1; threads <= 2; threads++) {
                            SinkhornOptions o = SinkhornOptions.DEFAULTS.withEpsilon(2e-3).withScalingFactor(scaling)
                                    .withThreads(threads);
                            SinkhornResult stored = Sinkhorn.solve(c, a, target, o);
                            assertEquals(OtStatus.CONVERGED, stored.status());
                            assertSame(stored, Sinkhorn.solve(x, y, cost, a, target, o));
                            cases++;
                        }
                    }
                }
            }
        }
        assertEquals(48, cases);
    }

    /** x = y and a = b: both paths take the symmetric iteration, with the same bits. */
    @Test
    void theSymmetricProblemIsRecognisedOnTheFly() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] x = cloud(r, 64, 2, 1);
        double[] a = weights(r, 64, 1);
        PointCost.SquaredEuclidean cost = new PointCost.SquaredEuclidean(0.5);
        SinkhornOptions o = SinkhornOptions.DEFAULTS.withEpsilon(1e-2);
        SinkhornResult stored = Sinkhorn.solve(cost.matrix(x, x), a, a, o);
        SinkhornResult online = Sinkhorn.solve(x, x, cost, a, a, o);
        assertSame(stored, online);
        assertArrayEquals(online.f(), online.g(), 0.0);
    }

    @Test
    void badCloudsAreRefusedWithTheReason() {
        PointCost.SquaredEuclidean cost = new PointCost.SquaredEuclidean(1);
        SinkhornOptions o = SinkhornOptions.DEFAULTS;
        double[] one = {1};
        double[] two = {0.5, 0.5};
        String empty = assertThrows(IllegalArgumentException.class,
                () -> Sinkhorn.solve(new double[0][], new double[][] {{1}}, cost, new double[0], one, o)).getMessage();
        assertTrue(empty.contains("at least one source"), empty);
        String mixed = assertThrows(IllegalArgumentException.class,
                () -> Sinkhorn.solve(new double[][] {{0, 0}}, new double[][] {{1, 0}, {1}}, cost, one, two, o))
                .getMessage();
        assertTrue(mixed.contains("target point 1 has 1 coordinates"), mixed);
        String nan = assertThrows(IllegalArgumentException.class,
                () -> Sinkhorn.solve(new double[][] {{0, Double.NaN}}, new double[][] {{1, 0}}, cost, one, one, o))
                .getMessage();
        assertTrue(nan.contains("source point 0 has the coordinate NaN"), nan);
        String huge = assertThrows(IllegalArgumentException.class,
                () -> Sinkhorn.solve(new double[][] {{-1e300}}, new double[][] {{1e300}}, cost, one, one, o))
                .getMessage();
        assertTrue(huge.contains("finite"), huge);
        String mass = assertThrows(IllegalArgumentException.class,
                () -> Sinkhorn.solve(new double[][] {{0}}, new double[][] {{1}}, cost, one, new double[] {2}, o))
                .getMessage();
        assertTrue(mass.contains("equal total mass"), mass);
    }
}
