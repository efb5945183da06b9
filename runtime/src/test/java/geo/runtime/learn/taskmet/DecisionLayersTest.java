package geo.runtime.learn.taskmet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each decision layer's vector–Jacobian product against central finite differences of its own
 * solution map, ŷ ↦ z(ŷ), in every coordinate direction and for a random cotangent.
 */
class DecisionLayersTest {

    /** ⟨z̄, dz/dŷ_k⟩ by central differences, for every k. */
    private static double[] finiteDifferenceVjp(Function<double[], double[]> solve, double[] p, double[] zBar,
                                                double h) {
        double[] out = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            double[] plus = p.clone();
            double[] minus = p.clone();
            plus[k] += h;
            minus[k] -= h;
            double[] zp = solve.apply(plus);
            double[] zm = solve.apply(minus);
            double s = 0;
            for (int j = 0; j < zBar.length; j++) {
                s += zBar[j] * (zp[j] - zm[j]) / (2 * h);
            }
            out[k] = s;
        }
        return out;
    }

    private static double[] gaussian(int n, SplittableRandom random) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = random.nextGaussian();
        }
        return v;
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], tolerance * Math.max(scale, 1e-3), "entry " + k);
        }
    }

    @Test
    void topKDerivativeMatchesFiniteDifferencesOfTheUnrolledIterations() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 12;
        // ε = 0.05 so that the plan is smooth enough for finite differences to resolve; 200 iterations.
        TopK layer = new TopK(n, 3, 0.05, 200);
        double[] yhat = gaussian(n, random);
        double scale = 7.5; // held fixed, as the layer's detached max C
        TopK.Solution sol = layer.solve(yhat, scale);
        double sum = 0;
        for (double zj : sol.z()) {
            sum += zj;
            assertTrue(zj >= 0 && zj <= 1 + 1e-12);
        }
        assertEquals(3, sum, 1e-9, "Σz = k after the final column update");
        double[] zBar = gaussian(n, random);
        double[] fd = finiteDifferenceVjp(p -> layer.solve(p, scale).z(), yhat, zBar, 1e-6);
        assertClose(fd, sol.vjp(zBar), 1e-6);
    }

    @Test
    void topKPublishedSettingsPickTheLargestPrediction() {
        double[] yhat = new double[50];
        for (int j = 0; j < 50; j++) {
            yhat[j] = Math.sin(j);
        }
        double[] z = new TopK(50, 1).solve(yhat).z();
        double[] hard = TopK.hard(yhat, 1);
        int best = 0;
        for (int j = 0; j < 50; j++) {
            if (hard[j] == 1) {
                best = j;
            }
        }
        for (int j = 0; j < 50; j++) {
            assertTrue(z[best] >= z[j], "the soft decision is largest at the hard one");
        }
    }

    @Test
    void cappedSimplexProjectionIsTheEuclideanProjection() {
        SplittableRandom random = new SplittableRandom(2);
        for (int trial = 0; trial < 200; trial++) {
            double[] v = gaussian(6, random);
            double k = 1 + random.nextInt(5);
            double[] z = CappedSimplex.project(v, k);
            double sum = 0;
            for (double zi : z) {
                sum += zi;
            }
            assertEquals(k, sum, 1e-12);
            // Optimality: z_i = clip(v_i − τ) for one τ, i.e. v_i − z_i is equal on the free coordinates.
            double tau = Double.NaN;
            for (int i = 0; i < 6; i++) {
                if (z[i] > 0 && z[i] < 1) {
                    if (Double.isNaN(tau)) {
                        tau = v[i] - z[i];
                    }
                    assertEquals(tau, v[i] - z[i], 1e-12);
                }
            }
            for (int i = 0; i < 6 && !Double.isNaN(tau); i++) {
                if (z[i] == 0) {
                    assertTrue(v[i] - tau <= 1e-12);
                } else if (z[i] == 1) {
                    assertTrue(v[i] - tau >= 1 - 1e-12);
                }
            }
        }
    }

    /** f(z; p) = pᵀz − ½ zᵀAz − Σ_i p_i² z_i³ / 3: strictly concave near the optimum, with a mixed term in p. */
    private record Concave(double[] p, double[] a, int n) implements CappedSimplex.Objective {
        public double value(double[] z) {
            double f = 0;
            for (int i = 0; i < n; i++) {
                double az = 0;
                for (int j = 0; j < n; j++) {
                    az += a[i * n + j] * z[j];
                }
                f += p[i] * z[i] - 0.5 * z[i] * az - p[i] * p[i] * z[i] * z[i] * z[i] / 3;
            }
            return f;
        }

        public void gradient(double[] z, double[] out) {
            for (int i = 0; i < n; i++) {
                double az = 0;
                for (int j = 0; j < n; j++) {
                    az += a[i * n + j] * z[j];
                }
                out[i] = p[i] - az - p[i] * p[i] * z[i] * z[i];
            }
        }

        public void hessian(double[] z, double[] out) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    out[i * n + j] = -a[i * n + j] - (i == j ? 2 * p[i] * p[i] * z[i] : 0);
                }
            }
        }

        public void mixedTransposed(double[] z, double[] w, double[] out) {
            for (int i = 0; i < n; i++) {
                out[i] = w[i] * (1 - 2 * p[i] * z[i] * z[i]);
            }
        }
    }

    @Test
    void cappedSimplexKktDerivativeMatchesFiniteDifferencesOfTheSolution() {
        int n = 6;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 2;
            if (i + 1 < n) {
                a[i * n + i + 1] = 0.5;
                a[(i + 1) * n + i] = 0.5;
            }
        }
        double[] p = {1.9, 1.2, 0.3, 1.5, -0.4, 0.8};
        double[] z0 = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        // Exact derivative: ridge 0 and a solve run to convergence (the fixed point of the iteration).
        CappedSimplex.Settings tight = new CappedSimplex.Settings(4000, 0.1, 0.9, 0);
        CappedSimplex.Solution sol = CappedSimplex.maximise(new Concave(p, a, n), z0, 2, tight, n);
        assertTrue(sol.free() >= 2, "the test needs free coordinates, got " + sol.free());
        double[] zBar = {0.3, -1.1, 0.7, 0.2, 1.3, -0.6};
        double[] fd = finiteDifferenceVjp(q -> CappedSimplex.maximise(new Concave(q, a, n), z0, 2, tight, n).z(),
                p, zBar, 1e-6);
        assertClose(fd, sol.vjp(zBar), 1e-7);
    }

    @Test
    void coverageDerivativesMatchFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 5;
        int t = 10;
        double[] p = new double[n * t];
        for (int k = 0; k < p.length; k++) {
            p[k] = random.nextDouble();
        }
        double[] z = {0.2, 0.7, 0.4, 0.9, 0.1};
        Coverage c = new Coverage(p, n, t);
        double h = 1e-6;
        double[] g = new double[n];
        c.gradient(z, g);
        double[] hess = new double[n * n];
        c.hessian(z, hess);
        for (int i = 0; i < n; i++) {
            double[] zp = z.clone();
            double[] zm = z.clone();
            zp[i] += h;
            zm[i] -= h;
            assertEquals((c.value(zp) - c.value(zm)) / (2 * h), g[i], 1e-8);
            double[] gp = new double[n];
            double[] gm = new double[n];
            c.gradient(zp, gp);
            c.gradient(zm, gm);
            for (int j = 0; j < n; j++) {
                assertEquals((gp[j] - gm[j]) / (2 * h), hess[j * n + i], 1e-8);
            }
        }
        double[] w = gaussian(n, random);
        double[] mixed = new double[n * t];
        c.mixedTransposed(z, w, mixed);
        for (int k = 0; k < n * t; k++) {
            double[] pp = p.clone();
            double[] pm = p.clone();
            pp[k] += h;
            pm[k] -= h;
            double[] gp = new double[n];
            double[] gm = new double[n];
            new Coverage(pp, n, t).gradient(z, gp);
            new Coverage(pm, n, t).gradient(z, gm);
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += w[i] * (gp[i] - gm[i]) / (2 * h);
            }
            assertEquals(s, mixed[k], 1e-8, "p index " + k);
        }
    }

    @Test
    void simplexQpMeetsItsKktConditionsAndItsDerivativeMatchesFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(4);
        int n = 20;
        double[] b = new double[n * n];
        for (int k = 0; k < b.length; k++) {
            b[k] = random.nextGaussian();
        }
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 0.5 : 0;
                for (int k = 0; k < n; k++) {
                    s += 0.05 * b[k * n + i] * b[k * n + j];
                }
                q[i * n + j] = s;
            }
        }
        SimplexQp qp = new SimplexQp(q, n);
        double[] c = gaussian(n, random);
        SimplexQp.Solution sol = qp.solve(c);
        assertTrue(sol.kktResidual() < 1e-12, "KKT residual " + sol.kktResidual());
        int zeros = 0;
        for (double zi : sol.z()) {
            zeros += zi == 0 ? 1 : 0;
        }
        assertTrue(zeros > 0 && zeros < n - 1, "the test needs active and free coordinates, got " + zeros + " zeros");
        // A warm start from the solution itself takes one iteration and gives the same point.
        SimplexQp.Solution warm = qp.solve(c, sol.z());
        assertEquals(1, warm.iterations());
        assertClose(sol.z(), warm.z(), 1e-14);
        double[] zBar = gaussian(n, random);
        double[] fd = finiteDifferenceVjp(p -> qp.solve(p).z(), c, zBar, 1e-7);
        assertClose(fd, sol.vjp(zBar), 1e-7);
    }
}
