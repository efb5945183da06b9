package geo.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Log-domain Sinkhorn: marginals, primal–dual agreement, agreement with a plain reference
 * iteration, the limit ε → 0 against the exact optimum (brute force over permutations), small ε
 * on large costs, zero weights, thread independence and the fast exponential's accuracy.
 */
class SinkhornTest {

    static double[][] cloud(SplittableRandom r, int n, int d, double scale) {
        double[][] p = new double[n][d];
        for (double[] q : p) {
            for (int k = 0; k < d; k++) {
                q[k] = scale * r.nextDouble();
            }
        }
        return p;
    }

    static double[] weights(SplittableRandom r, int n, double mass) {
        double[] w = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.1 + r.nextDouble();
            s += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] *= mass / s;
        }
        return w;
    }

    static double[] uniform(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        return w;
    }

    static CostMatrix randomCost(SplittableRandom r, int n, int m, double scale) {
        double[] v = new double[n * m];
        for (int k = 0; k < v.length; k++) {
            v[k] = scale * r.nextDouble();
        }
        return new CostMatrix(n, m, v);
    }

    /** min over permutations σ of (1/n) Σ C[i][σ(i)]: the exact OT cost for uniform weights and n = m (Birkhoff). */
    static double bruteForce(CostMatrix c) {
        int n = c.rows();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double best = Double.POSITIVE_INFINITY;
        while (true) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += c.get(i, perm[i]);
            }
            best = Math.min(best, s / n);
            int k = n - 2;
            while (k >= 0 && perm[k] > perm[k + 1]) {
                k--;
            }
            if (k < 0) {
                return best;
            }
            int l = n - 1;
            while (perm[l] < perm[k]) {
                l--;
            }
            int t = perm[k];
            perm[k] = perm[l];
            perm[l] = t;
            for (int i = k + 1, j = n - 1; i < j; i++, j--) {
                t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
        }
    }

    static void assertConverged(SinkhornResult r, CostMatrix c, double[] a, double[] b, double tol) {
        assertEquals(OtStatus.CONVERGED, r.status());
        assertTrue(r.marginalError() <= tol, "marginal error " + r.marginalError());
        double[] pi = r.costGradient();
        double err = 0;
        for (int i = 0; i < c.rows(); i++) {
            double s = 0;
            for (int j = 0; j < c.cols(); j++) {
                s += pi[i * c.cols() + j];
            }
            err += Math.abs(s - a[i]);
        }
        for (int j = 0; j < c.cols(); j++) {
            double s = 0;
            for (int i = 0; i < c.rows(); i++) {
                s += pi[i * c.cols() + j];
            }
            err += Math.abs(s - b[j]);
        }
        assertTrue(err <= tol, "marginal error recomputed from the plan " + err);
        assertEquals(r.transportCost(), r.plan().cost(c), 1e-12 * Math.abs(r.transportCost()) + 1e-300);
    }

    @Test
    void convergedPlansMeetTheMarginalsAndPrimalEqualsDual() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 4; trial++) {
            int n = 20 + trial * 7;
            int m = 33 - trial * 4;
            CostMatrix c = randomCost(r, n, m, 3);
            double[] a = weights(r, n, 2.5);
            double[] b = weights(r, m, 2.5);
            SinkhornResult s = Sinkhorn.solve(c, a, b, SinkhornOptions.DEFAULTS);
            assertConverged(s, c, a, b, 1e-9);
            // primal and dual differ by ⟨π1 − a, f⟩ + ⟨πᵀ1 − b, g⟩ ≤ tol · max|potential|
            assertEquals(s.regularisedCost(), s.dualCost(), 1e-9 * 10, "trial " + trial);
            assertTrue(s.regularisedCost() >= s.transportCost() - 1e-9, "KL ≥ 0");
        }
    }

    /**
     * A plain log-domain iteration with {@link Math#exp} and no ε-scaling, run to 10⁻¹⁴: the
     * solver's potentials (up to the constant shift f + k, g − k) and plan agree with it.
     */
    @Test
    void agreesWithAPlainReferenceIteration() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 17;
        int m = 23;
        CostMatrix c = randomCost(r, n, m, 1);
        double[] a = weights(r, n, 1);
        double[] b = weights(r, m, 1);
        double eps = 0.05;
        double[] f = new double[n];
        double[] g = new double[m];
        for (int it = 0; it < 20000; it++) {
            for (int i = 0; i < n; i++) {
                double[] t = new double[m];
                for (int j = 0; j < m; j++) {
                    t[j] = Math.log(b[j]) + (g[j] - c.get(i, j)) / eps;
                }
                f[i] = -eps * lse(t);
            }
            for (int j = 0; j < m; j++) {
                double[] t = new double[n];
                for (int i = 0; i < n; i++) {
                    t[i] = Math.log(a[i]) + (f[i] - c.get(i, j)) / eps;
                }
                g[j] = -eps * lse(t);
            }
        }
        SinkhornResult s = Sinkhorn.solve(c, a, b, SinkhornOptions.DEFAULTS.withEpsilon(eps).withRelativeEpsilon(false)
                .withTolerance(1e-13));
        assertConverged(s, c, a, b, 1e-13);
        double shift = s.f()[0] - f[0];
        for (int i = 0; i < n; i++) {
            assertEquals(f[i] + shift, s.f()[i], 1e-11, "f[" + i + "]");
        }
        for (int j = 0; j < m; j++) {
            assertEquals(g[j] - shift, s.g()[j], 1e-11, "g[" + j + "]");
        }
        double[] pi = s.costGradient();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double ref = a[i] * b[j] * Math.exp((f[i] + g[j] - c.get(i, j)) / eps);
                assertEquals(ref, pi[i * m + j], 1e-12, "π[" + i + "][" + j + "]");
            }
        }
    }

    private static double lse(double[] t) {
        double mx = Double.NEGATIVE_INFINITY;
        for (double v : t) {
            mx = Math.max(mx, v);
        }
        double s = 0;
        for (double v : t) {
            s += Math.exp(v - mx);
        }
        return mx + Math.log(s);
    }

    /**
     * 0 ≤ OT_ε − OT ≤ ε log n for uniform weights and n = m (the optimal permutation's plan has
     * KL(π | a⊗b) = log n, and KL ≥ 0): the gap to the brute-force optimum shrinks with ε from
     * 10⁻¹ to 10⁻⁴ of the cost scale, and the transport cost ⟨π, C⟩ tends to the optimum.
     */
    @Test
    void regularisedCostTendsToTheExactCostAsEpsilonShrinks() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 3; trial++) {
            int n = 7;
            CostMatrix c = SinkhornDivergenceTest.HALF.matrix(cloud(r, n, 2, 1), cloud(r, n, 2, 1));
            double exact = bruteForce(c);
            double[] w = uniform(n);
            double previous = Double.POSITIVE_INFINITY;
            for (double e : new double[] {1e-1, 1e-2, 1e-3, 1e-4}) {
                SinkhornResult s = Sinkhorn.solve(c, w, w, SinkhornOptions.DEFAULTS.withEpsilon(e));
                assertConverged(s, c, w, w, 1e-9);
                double gap = s.regularisedCost() - exact;
                double bound = s.epsilon() * Math.log(n);
                assertTrue(gap >= -1e-9 && gap <= bound + 1e-9, "ε = " + e + ": gap " + gap + ", bound " + bound);
                assertTrue(gap < previous, "ε = " + e + ": gap " + gap + " did not shrink from " + previous);
                assertTrue(s.transportCost() >= exact - 1e-9, "⟨π, C⟩ below the optimum");
                previous = gap;
            }
            assertTrue(previous <= 1e-4 * c.maxAbs() * Math.log(n) + 1e-9, "final gap " + previous);
        }
    }

    /** ε = 10⁻⁴ of costs up to 100 (exp(−C/ε) would underflow to 0 for all but the smallest entries). */
    @Test
    void smallEpsilonOnLargeCostsStaysFinite() {
        SplittableRandom r = new SplittableRandom(8);
        int n = 8;
        CostMatrix c = randomCost(r, n, n, 100);
        double[] w = uniform(n);
        SinkhornResult s = Sinkhorn.solve(c, w, w, SinkhornOptions.DEFAULTS.withEpsilon(1e-4));
        assertConverged(s, c, w, w, 1e-9);
        assertEquals(bruteForce(c), s.regularisedCost(), s.epsilon() * Math.log(n) + 1e-9);
        CostMatrix big = randomCost(r, 40, 50, 100);
        double[] a = weights(r, 40, 1);
        double[] b = weights(r, 50, 1);
        SinkhornResult t = Sinkhorn.solve(big, a, b, SinkhornOptions.DEFAULTS.withEpsilon(1e-4));
        assertTrue(t.status() == OtStatus.CONVERGED || t.status() == OtStatus.ITERATION_LIMIT, t.status().name());
        assertTrue(Double.isFinite(t.regularisedCost()) && Double.isFinite(t.dualCost())
                && Double.isFinite(t.marginalError()));
        for (double v : t.f()) {
            assertTrue(Double.isFinite(v));
        }
        for (double v : t.g()) {
            assertTrue(Double.isFinite(v));
        }
        assertConverged(t, big, a, b, 1e-9);
    }

    /** Zero weights: log 0 = −∞ drops out; no plan entries in those rows and columns; potentials finite. */
    @Test
    void zeroWeightsWork() {
        SplittableRandom r = new SplittableRandom(21);
        CostMatrix c = randomCost(r, 9, 7, 2);
        double[] a = weights(r, 9, 1);
        double[] b = weights(r, 7, 1);
        a[0] = 0;
        a[4] = 0;
        b[6] = 0;
        double sa = Arrays.stream(a).sum();
        for (int i = 0; i < a.length; i++) {
            a[i] /= sa;
        }
        double sb = Arrays.stream(b).sum();
        for (int j = 0; j < b.length; j++) {
            b[j] /= sb;
        }
        SinkhornResult s = Sinkhorn.solve(c, a, b, SinkhornOptions.DEFAULTS.withEpsilon(1e-3));
        assertConverged(s, c, a, b, 1e-9);
        for (int k = 0; k < s.plan().size(); k++) {
            assertTrue(s.plan().from()[k] != 0 && s.plan().from()[k] != 4 && s.plan().to()[k] != 6);
        }
        for (double v : s.f()) {
            assertTrue(Double.isFinite(v));
        }
        for (double v : s.g()) {
            assertTrue(Double.isFinite(v));
        }
    }

    /**
     * Blocks of rows and columns on one or two threads: the same bits (each potential is computed
     * in one fixed order); with positive weights (the f-update reads the rows of C) and with a
     * zero target weight (it reads the columns of the transpose).
     */
    @Test
    void oneAndTwoThreadsGiveIdenticalResults() {
        SplittableRandom r = new SplittableRandom(2);
        CostMatrix c = SinkhornDivergenceTest.HALF.matrix(cloud(r, 300, 2, 1), cloud(r, 257, 2, 1));
        double[] a = weights(r, 300, 1);
        double[] b = weights(r, 257, 1);
        double[] bZero = b.clone();
        bZero[0] += bZero[5];
        bZero[5] = 0;
        for (double[] target : new double[][] {b, bZero}) {
            SinkhornOptions o = SinkhornOptions.DEFAULTS.withEpsilon(3e-3);
            SinkhornResult one = Sinkhorn.solve(c, a, target, o);
            SinkhornResult two = Sinkhorn.solve(c, a, target, o.withThreads(2));
            assertConverged(one, c, a, target, 1e-9);
            assertEquals(one.iterations(), two.iterations());
            assertArrayEquals(one.f(), two.f(), 0.0);
            assertArrayEquals(one.g(), two.g(), 0.0);
            assertArrayEquals(one.plan().mass(), two.plan().mass(), 0.0);
            assertArrayEquals(one.plan().to(), two.plan().to());
            assertEquals(one.regularisedCost(), two.regularisedCost(), 0.0);
            assertEquals(one.dualCost(), two.dualCost(), 0.0);
            assertEquals(one.transportCost(), two.transportCost(), 0.0);
            assertEquals(one.marginalError(), two.marginalError(), 0.0);
        }
    }

    /**
     * a = b and C = Cᵀ take the symmetric iteration; a cost nudged by one part in 10¹⁵ out of
     * symmetry takes the alternating one: at ε = 0.1 both converge, to the same plan and cost.
     */
    @Test
    void symmetricIterationAgreesWithTheAlternatingOne() {
        SplittableRandom r = new SplittableRandom(6);
        double[][] x = cloud(r, 25, 2, 1);
        CostMatrix c = SinkhornDivergenceTest.HALF.matrix(x, x);
        double[] nudged = c.values().clone();
        nudged[1] *= 1 + 1e-15;
        double[] a = weights(r, 25, 1);
        SinkhornOptions o = SinkhornOptions.DEFAULTS.withEpsilon(0.1).withRelativeEpsilon(false).withTolerance(1e-12);
        SinkhornResult symmetric = Sinkhorn.solve(c, a, a, o);
        SinkhornResult alternating = Sinkhorn.solve(new CostMatrix(25, 25, nudged), a, a, o);
        assertConverged(symmetric, c, a, a, 1e-12);
        assertArrayEquals(symmetric.f(), symmetric.g(), 0.0);
        assertEquals(OtStatus.CONVERGED, alternating.status());
        assertEquals(alternating.regularisedCost(), symmetric.regularisedCost(), 1e-12);
        assertArrayEquals(alternating.costGradient(), symmetric.costGradient(), 1e-12);
    }

    @Test
    void iterationLimitAndFailureAreReported() {
        SplittableRandom r = new SplittableRandom(4);
        CostMatrix c = randomCost(r, 10, 10, 1);
        double[] w = uniform(10);
        SinkhornResult limited = Sinkhorn.solve(c, w, w, SinkhornOptions.DEFAULTS.withEpsilon(1e-3).withMaxIterations(3));
        assertEquals(OtStatus.ITERATION_LIMIT, limited.status());
        assertEquals(3, limited.iterations());
        assertTrue(limited.marginalError() > 1e-9);
        // 1/ε overflows: the exponents are not finite
        SinkhornResult failed = Sinkhorn.solve(c, w, w, SinkhornOptions.DEFAULTS.withEpsilon(1e-320)
                .withRelativeEpsilon(false));
        assertEquals(OtStatus.FAILED, failed.status());
    }

    /** The vectorisable exponential against {@link Math#exp}: relative error ≤ 4·10⁻¹⁴ on [−64, 64]. */
    @Test
    void fastExponentialIsAccurate() {
        SplittableRandom r = new SplittableRandom(1);
        double worst = 0;
        for (int k = 0; k < 200_000; k++) {
            double x = k == 0 ? 0 : k == 1 ? -64 : k == 2 ? 64 : 128 * r.nextDouble() - 64;
            double e = Math.exp(x);
            worst = Math.max(worst, Math.abs(LogSumExp.exp(x) - e) / e);
        }
        assertTrue(worst <= 4e-14, "relative error " + worst);
        assertEquals(Math.exp(-64), LogSumExp.exp(-1000), 1e-40);
        assertTrue(Double.isNaN(LogSumExp.exp(Double.NaN)));
    }
}
