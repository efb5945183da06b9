package geo.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AssignmentTest {

    /** The certificate's tolerance in the tests: 1e-9 relative, as the issue asks. */
    private static final double REL = 1e-9;

    private static void assertCertified(CostMatrix c, ExactResult r, String what) {
        int n = c.rows();
        assertEquals(OtStatus.OPTIMAL, r.status(), what);
        double[] w = TransportOracle.uniform(n);
        TransportOracle.certificate(c, w, w, r.plan(), r.u(), r.v()).assertOptimal(REL, what);
        // The assignment is a permutation, the plan puts 1/n on its pairs, and the cost is Σ C[i][σ(i)] / n.
        boolean[] seen = new boolean[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int j = r.assignment()[i];
            assertTrue(!seen[j], what + ": column " + j + " assigned twice");
            seen[j] = true;
            sum += c.get(i, j);
            assertEquals(i, r.plan().from()[i]);
            assertEquals(j, r.plan().to()[i]);
            assertEquals(1.0 / n, r.plan().mass()[i]);
        }
        assertEquals(sum / n, r.cost(), 1e-15 * Math.abs(sum), what);
        // Unscaled assignment duals: u_i + v_j ≤ C_ij, so Σ (u_i + v_σ(i)) = Σ C[i][σ(i)].
        double dual = 0;
        for (int i = 0; i < n; i++) {
            dual += r.u()[i] + r.v()[i];
        }
        assertEquals(sum, dual, REL * Math.max(1, Math.abs(sum)), what);
    }

    /** min over all permutations of Σ C[i][σ(i)], by Heap's algorithm. */
    private static double bruteForce(CostMatrix c) {
        int n = c.rows();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        int[] counter = new int[n];
        double best = sum(c, p);
        int i = 0;
        while (i < n) {
            if (counter[i] < i) {
                int k = i % 2 == 0 ? 0 : counter[i];
                int t = p[k];
                p[k] = p[i];
                p[i] = t;
                best = Math.min(best, sum(c, p));
                counter[i]++;
                i = 0;
            } else {
                counter[i] = 0;
                i++;
            }
        }
        return best;
    }

    private static double sum(CostMatrix c, int[] p) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += c.get(i, p[i]);
        }
        return s;
    }

    @Test
    void matchesBruteForceOverAllPermutationsForSmallN() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 1; n <= 8; n++) {
            for (int seed = 0; seed < 6; seed++) {
                boolean integer = seed % 2 == 0;
                CostMatrix c = TransportOracle.randomCosts(random, n, n, integer, integer ? 5 : 10, seed % 3 == 1 ? -4 : 0);
                String what = "n = " + n + ", instance " + seed;
                ExactResult r = Assignment.solve(c);
                assertCertified(c, r, what);
                double best = bruteForce(c);
                assertEquals(best, r.cost() * n, 1e-12 * Math.max(1, Math.abs(best)), what);
                // The network simplex with uniform weights finds the same cost.
                double[] w = TransportOracle.uniform(n);
                ExactResult ns = NetworkSimplex.solve(c, w, w);
                assertEquals(OtStatus.OPTIMAL, ns.status(), what);
                assertEquals(r.cost(), ns.cost(), 1e-12 * Math.max(1, Math.abs(r.cost())), what);
            }
        }
    }

    @Test
    void randomInstancesUpTo2000AreCertifiedOptimal() {
        SplittableRandom random = new SplittableRandom(2026);
        int[] sizes = {2, 3, 10, 57, 200, 500};
        for (int n : sizes) {
            for (int seed = 0; seed < 3; seed++) {
                boolean integer = seed != 1;
                // Integer costs in a small range give many ties; a large range none.
                double range = integer ? (seed == 0 ? 4 : 1000) : 1;
                CostMatrix c = TransportOracle.randomCosts(random, n, n, integer, range, seed == 2 ? -500 : 0);
                assertCertified(c, Assignment.solve(c), "n = " + n + ", instance " + seed);
            }
        }
        for (boolean integer : new boolean[] {false, true}) {
            CostMatrix c = TransportOracle.randomCosts(random, 2000, 2000, integer, integer ? 100 : 1, 0);
            assertCertified(c, Assignment.solve(c), "n = 2000, integer " + integer);
        }
        CostMatrix geometric = TransportOracle.randomSquaredEuclidean(random, 1000, 1000, 2);
        assertCertified(geometric, Assignment.solve(geometric), "n = 1000, squared Euclidean in the plane");
    }

    @Test
    void warmStartFromOldDualsGivesTheColdOptimumWithFewerAugmentations() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 300;
        int coldTotal = 0;
        int warmTotal = 0;
        for (int trial = 0; trial < 5; trial++) {
            CostMatrix c = TransportOracle.randomSquaredEuclidean(random, n, n, 2);
            ExactResult first = Assignment.solve(c);
            double[] perturbed = c.values().clone();
            for (int k = 0; k < perturbed.length; k++) {
                perturbed[k] += 1e-5 * (random.nextDouble() - 0.5);
            }
            CostMatrix c2 = new CostMatrix(n, n, perturbed);
            ExactResult cold = Assignment.solve(c2);
            ExactResult warm = Assignment.solve(c2, first.u(), first.v());
            assertCertified(c2, warm, "warm, trial " + trial);
            assertEquals(cold.cost(), warm.cost(), 1e-12 * cold.cost(), "trial " + trial);
            coldTotal += cold.iterations();
            warmTotal += warm.iterations();
        }
        assertTrue(warmTotal < coldTotal / 2, "warm " + warmTotal + " vs cold " + coldTotal + " augmentations");
    }

    @Test
    void poorOrHugeWarmStartsStillGiveTheOptimum() {
        SplittableRandom random = new SplittableRandom(8);
        int n = 120;
        CostMatrix c = TransportOracle.randomCosts(random, n, n, false, 1, 0);
        ExactResult cold = Assignment.solve(c);
        double[] noise = new double[n];
        double[] huge = new double[n];
        for (int j = 0; j < n; j++) {
            noise[j] = 50 * random.nextDouble() - 25;
            huge[j] = j % 2 == 0 ? 1e200 : -1e200;
        }
        double[] zeros = new double[n];
        for (double[] v0 : new double[][] {noise, huge, zeros}) {
            ExactResult warm = Assignment.solve(c, zeros, v0);
            assertCertified(c, warm, "warm start " + v0[0]);
            assertEquals(cold.cost(), warm.cost(), 1e-12 * cold.cost());
        }
    }

    @Test
    void costsNearTheDoubleRangeFailInsteadOfClaimingOptimality() {
        CostMatrix c = new CostMatrix(2, 2, new double[] {1e308, -1e308, -1e308, 1e308});
        assertEquals(OtStatus.FAILED, Assignment.solve(c).status());
        CostMatrix small = new CostMatrix(2, 2, new double[] {1e8, -1e8, -1e8, 1e8});
        assertCertified(small, Assignment.solve(small), "scaled");
    }

    @Test
    void argumentsAreNotModified() {
        SplittableRandom random = new SplittableRandom(3);
        CostMatrix c = TransportOracle.randomCosts(random, 40, 40, false, 1, 0);
        double[] before = c.values().clone();
        double[] u0 = new double[40];
        double[] v0 = new double[40];
        for (int j = 0; j < 40; j++) {
            v0[j] = random.nextDouble();
        }
        double[] v0Before = v0.clone();
        Assignment.solve(c, u0, v0);
        assertArrayEquals(before, c.values());
        assertArrayEquals(v0Before, v0);
        assertArrayEquals(new double[40], u0);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        CostMatrix rectangular = new CostMatrix(2, 3, new double[6]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Assignment.solve(rectangular));
        assertEquals("the assignment solver needs as many sources as targets (uniform weights, n = m), got a 2 × 3 cost "
                + "matrix; use NetworkSimplex for n ≠ m", e.getMessage());
        CostMatrix square = new CostMatrix(2, 2, new double[] {1, 2, 3, 4});
        e = assertThrows(IllegalArgumentException.class, () -> Assignment.solve(square, new double[3], new double[2]));
        assertEquals("warm start u0 has 3 entries, the cost matrix needs 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Assignment.solve(square, new double[2], new double[] {0, Double.NaN}));
        assertEquals("warm start v0[1] is NaN; potentials must be finite", e.getMessage());
    }
}
