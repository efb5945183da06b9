package geo.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkSimplexTest {

    private static final double REL = 1e-9;

    private static ExactResult solveCertified(CostMatrix c, double[] a, double[] b, String what) {
        ExactResult r = NetworkSimplex.solve(c, a, b);
        assertEquals(OtStatus.OPTIMAL, r.status(), what);
        TransportOracle.certificate(c, a, b, r.plan(), r.u(), r.v()).assertOptimal(REL, what);
        assertTrue(r.plan().size() <= c.rows() + c.cols() - 1, what + ": plan of " + r.plan().size() + " entries");
        assertEquals(0, r.assignment().length);
        assertEquals(r.plan().cost(c), r.cost(), 1e-12 * Math.max(1e-300, Math.abs(r.cost())), what);
        return r;
    }

    @Test
    void randomInstancesWithZeroWeightsAndNNotMAreCertifiedOptimal() {
        SplittableRandom random = new SplittableRandom(99);
        int[][] shapes = {{1, 1}, {1, 6}, {6, 1}, {7, 3}, {20, 20}, {50, 80}, {123, 77}, {300, 200}};
        for (int[] shape : shapes) {
            for (int seed = 0; seed < 4; seed++) {
                int n = shape[0];
                int m = shape[1];
                boolean integer = seed % 2 == 0;
                CostMatrix c = TransportOracle.randomCosts(random, n, m, integer, integer ? (seed == 0 ? 3 : 1000) : 1,
                        seed == 3 ? -0.5 : 0);
                double zeros = seed < 2 ? 0.2 : 0;
                double[] a = TransportOracle.randomWeights(random, n, zeros);
                double[] b = TransportOracle.randomWeights(random, m, zeros);
                solveCertified(c, a, b, n + " × " + m + ", instance " + seed);
            }
        }
    }

    @Test
    void squaredEuclideanCloudsWithRandomWeights() {
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 3; trial++) {
            CostMatrix c = TransportOracle.randomSquaredEuclidean(random, 250, 300, 3);
            double[] a = TransportOracle.randomWeights(random, 250, 0.1);
            double[] b = TransportOracle.randomWeights(random, 300, 0.1);
            solveCertified(c, a, b, "trial " + trial);
        }
    }

    @Test
    void uniformWeightsGiveTheAssignmentCost() {
        SplittableRandom random = new SplittableRandom(4);
        for (int n : new int[] {5, 40, 150}) {
            for (boolean integer : new boolean[] {true, false}) {
                CostMatrix c = TransportOracle.randomCosts(random, n, n, integer, integer ? 10 : 1, 0);
                double[] w = TransportOracle.uniform(n);
                ExactResult ns = solveCertified(c, w, w, "n = " + n);
                ExactResult as = Assignment.solve(c);
                assertEquals(as.cost(), ns.cost(), 1e-12 * as.cost(), "n = " + n + ", integer " + integer);
            }
        }
    }

    @Test
    void oneDimensionalConvexCostsGiveTheMonotoneCoupling() {
        // For c(x, y) = (x − y)² on the line the sorted (north-west corner) coupling is optimal,
        // an answer computed here without any LP.
        SplittableRandom random = new SplittableRandom(23);
        int n = 60;
        int m = 45;
        double[] x = new double[n];
        double[] y = new double[m];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble();
        }
        for (int j = 0; j < m; j++) {
            y[j] = 2 * random.nextDouble() - 0.5;
        }
        Arrays.sort(x);
        Arrays.sort(y);
        double[] cv = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                cv[i * m + j] = (x[i] - y[j]) * (x[i] - y[j]);
            }
        }
        CostMatrix c = new CostMatrix(n, m, cv);
        double[] a = TransportOracle.randomWeights(random, n, 0);
        double[] b = TransportOracle.randomWeights(random, m, 0);
        double expected = 0;
        double[] ra = a.clone();
        double[] rb = b.clone();
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            double t = Math.min(ra[i], rb[j]);
            expected += t * c.get(i, j);
            ra[i] -= t;
            rb[j] -= t;
            if (ra[i] <= 1e-15) {
                i++;
            } else {
                j++;
            }
        }
        ExactResult r = solveCertified(c, a, b, "1-D");
        assertEquals(expected, r.cost(), 1e-12 * expected);
    }

    @Test
    void fullyDegenerateInstancesTerminate() {
        // All costs equal and equal weights: every basis is optimal, every pivot degenerate.
        double[] w = TransportOracle.uniform(30);
        CostMatrix flat = new CostMatrix(30, 30, new double[900]);
        ExactResult r = solveCertified(flat, w, w, "zero costs");
        assertEquals(0, r.cost());
        SplittableRandom random = new SplittableRandom(1);
        CostMatrix binary = TransportOracle.randomCosts(random, 100, 100, true, 2, 0);
        solveCertified(binary, TransportOracle.uniform(100), TransportOracle.uniform(100), "0/1 costs");
    }

    @Test
    void costsNearTheDoubleRangeFailInsteadOfClaimingOptimality() {
        CostMatrix c = new CostMatrix(2, 2, new double[] {1e308, -1e308, 0, 1e308});
        double[] w = TransportOracle.uniform(2);
        assertEquals(OtStatus.FAILED, NetworkSimplex.solve(c, w, w).status());
        // Scaled down by 1e300 the same problem is solved.
        CostMatrix small = new CostMatrix(2, 2, new double[] {1e8, -1e8, 0, 1e8});
        solveCertified(small, w, w, "scaled");
    }

    @Test
    void iterationLimitIsReported() {
        SplittableRandom random = new SplittableRandom(2);
        CostMatrix c = TransportOracle.randomCosts(random, 50, 50, false, 1, 0);
        double[] w = TransportOracle.uniform(50);
        ExactResult r = NetworkSimplex.solve(c, w, w, 3);
        assertEquals(OtStatus.ITERATION_LIMIT, r.status());
        assertEquals(3, r.iterations());
        ExactResult full = NetworkSimplex.solve(c, w, w, NetworkSimplex.MAX_PIVOTS);
        assertEquals(OtStatus.OPTIMAL, full.status());
        assertTrue(full.iterations() > 3);
    }

    @Test
    void argumentsAreNotModified() {
        SplittableRandom random = new SplittableRandom(6);
        CostMatrix c = TransportOracle.randomCosts(random, 20, 30, false, 1, 0);
        double[] cv = c.values().clone();
        double[] a = TransportOracle.randomWeights(random, 20, 0.2);
        double[] b = TransportOracle.randomWeights(random, 30, 0.2);
        double[] a0 = a.clone();
        double[] b0 = b.clone();
        NetworkSimplex.solve(c, a, b);
        assertArrayEquals(cv, c.values());
        assertArrayEquals(a0, a);
        assertArrayEquals(b0, b);
    }

    @Test
    void badWeightsAreRejectedWithAClearMessage() {
        CostMatrix c = new CostMatrix(2, 3, new double[] {1, 2, 3, 4, 5, 6});
        double[] b = {0.2, 0.3, 0.5};
        assertEquals("the weights must have equal total mass: Σa = 1.5, Σb = 1.0 (relative difference 0.3333333333333333 > 1.0E-12)",
                message(() -> NetworkSimplex.solve(c, new double[] {0.5, 1.0}, b)));
        assertEquals("weight a[1] is -0.5; weights must be finite and non-negative",
                message(() -> NetworkSimplex.solve(c, new double[] {1.5, -0.5}, b)));
        assertEquals("weight b[2] is NaN; weights must be finite and non-negative",
                message(() -> NetworkSimplex.solve(c, new double[] {0.5, 0.5}, new double[] {0.5, 0.5, Double.NaN})));
        assertEquals("weights a have 3 entries, the cost matrix has 2 rows",
                message(() -> NetworkSimplex.solve(c, new double[] {0.2, 0.3, 0.5}, b)));
        assertEquals("weights b have 2 entries, the cost matrix has 3 columns",
                message(() -> NetworkSimplex.solve(c, new double[] {0.5, 0.5}, new double[] {0.5, 0.5})));
        assertEquals("weights a have total mass 0",
                message(() -> NetworkSimplex.solve(c, new double[] {0, 0}, new double[] {0, 0, 0})));
        assertEquals("the pivot limit must be ≥ 0, got -1",
                message(() -> NetworkSimplex.solve(c, new double[] {0.5, 0.5}, b, -1)));
        // A difference below the relative tolerance is accepted.
        ExactResult r = NetworkSimplex.solve(c, new double[] {0.5, 0.5 + 1e-14}, b);
        assertEquals(OtStatus.OPTIMAL, r.status());
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
