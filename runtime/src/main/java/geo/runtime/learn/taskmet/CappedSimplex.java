package geo.runtime.learn.taskmet;

import geo.runtime.linalg.Dense;
import java.util.Arrays;

/**
 * Maximising a smooth f(z; p) over the capped simplex Z_k = {z ∈ [0, 1]ⁿ : Σ z = k} by projected
 * accelerated gradient ascent, and the derivative of the solution in the parameters p by the KKT
 * conditions — the decision layer of LODL's Budget allocation ({@code SubmodularOptimizer}).
 *
 * <p>Iteration (constant momentum μ, rate η, Nesterov's extrapolation; Beck &amp; Teboulle's FISTA
 * with a fixed momentum): w = z + μ (z − z_prev), z_prev = z, z = Π(w + η ∇f(w)). The projection
 * Π onto Z_k is exact: Π(v)_i = clip(v_i − τ, 0, 1) with τ the root of the nonincreasing piecewise
 * linear h(τ) = Σ clip(v_i − τ, 0, 1) = k, found between its sorted breakpoints {v_i, v_i − 1}
 * (Karimi, Lucic, Hassani &amp; Krause, "Stochastic submodular maximization", NeurIPS 2017, Alg. 2
 * solves the same equation); clipped coordinates are then exactly 0 or 1.
 *
 * <p>Derivative: on the free set F = {i : 0 &lt; z_i &lt; 1} of a stationary point, ∇_F f = λ1 and
 * 1ᵀz_F = k − |{z_i = 1}|; differentiating in p (the clipped coordinates stay put),
 * <pre>
 *   [ G   1 ] [dz_F]   [ M_F dp ]
 *   [ 1ᵀ  0 ] [ ν  ] = [   0    ],     G = −∇²_FF f + ρ I,   M = ∂²f/∂z∂p,
 * </pre>
 * so p̄ = M_Fᵀ a with [G 1; 1ᵀ 0][a; b] = [z̄_F; 0] (the matrix is symmetric). ρ = 0.01 is LODL's
 * ridge ({@code _get_dZdYhat}); with ρ = 0 and a converged solve this is the exact derivative
 * (tested against finite differences of the solution). An empty free set gives p̄ = 0: the
 * solution is a vertex, locally constant in p.
 */
public final class CappedSimplex {

    /** A smooth objective f(z; p), maximised in z, with the second derivatives the KKT derivative needs. */
    public interface Objective {

        /** f(z; p). */
        double value(double[] z);

        /** ∇_z f (overwritten). */
        void gradient(double[] z, double[] out);

        /** ∇²_zz f, n×n row-major (overwritten). */
        void hessian(double[] z, double[] out);

        /** (∂²f/∂z∂p)ᵀ a, the length of p (overwritten). */
        void mixedTransposed(double[] z, double[] a, double[] out);
    }

    /**
     * The settings of a solve.
     *
     * @param steps    the number of ascent steps (≥ 1)
     * @param rate     η &gt; 0
     * @param momentum μ ∈ [0, 1)
     * @param ridge    ρ ≥ 0 of the derivative
     */
    public record Settings(int steps, double rate, double momentum, double ridge) {

        /** LODL's Budget settings: 100 steps, η = 0.1, μ = 0.9, ρ = 0.01. */
        public static final Settings DEFAULTS = new Settings(100, 0.1, 0.9, 0.01);

        public Settings {
            if (steps < 1 || !(rate > 0) || !(momentum >= 0 && momentum < 1) || !(ridge >= 0)) {
                throw new IllegalArgumentException("need steps ≥ 1, η > 0, μ ∈ [0, 1) and ρ ≥ 0");
            }
        }

        public Settings withSteps(int value) {
            return new Settings(value, rate, momentum, ridge);
        }

        public Settings withRidge(double value) {
            return new Settings(steps, rate, momentum, value);
        }
    }

    private CappedSimplex() {
    }

    /** A solution z and its KKT derivative. */
    public static final class Solution implements Decision {
        private final Objective f;
        private final double[] z;
        private final double ridge;
        private final int parameters;

        Solution(Objective f, double[] z, double ridge, int parameters) {
            this.f = f;
            this.z = z;
            this.ridge = ridge;
            this.parameters = parameters;
        }

        @Override
        public double[] z() {
            return z.clone();
        }

        /** The number of free coordinates (0 &lt; z_i &lt; 1). */
        public int free() {
            int m = 0;
            for (double zi : z) {
                m += zi > 0 && zi < 1 ? 1 : 0;
            }
            return m;
        }

        @Override
        public double[] vjp(double[] zBar) {
            int n = z.length;
            int[] free = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (z[i] > 0 && z[i] < 1) {
                    free[m++] = i;
                }
            }
            double[] pBar = new double[parameters];
            if (m == 0) {
                return pBar;
            }
            double[] h = new double[n * n];
            f.hessian(z, h);
            int s = m + 1;
            double[] kkt = new double[s * s];
            double[] rhs = new double[s];
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    kkt[r * s + c] = -h[free[r] * n + free[c]] + (r == c ? ridge : 0);
                }
                kkt[r * s + m] = 1;
                kkt[m * s + r] = 1;
                rhs[r] = zBar[free[r]];
            }
            if (!Dense.solve(kkt, rhs, s)) {
                // A singular face system (ρ = 0 on a degenerate face): no derivative information.
                return pBar;
            }
            double[] a = new double[n];
            for (int r = 0; r < m; r++) {
                a[free[r]] = rhs[r];
            }
            f.mixedTransposed(z, a, pBar);
            return pBar;
        }
    }

    /**
     * Projected accelerated gradient ascent from z0 (projected first).
     *
     * @param parameters the length of p (of {@link Solution#vjp}'s result)
     */
    public static Solution maximise(Objective f, double[] z0, double k, Settings settings, int parameters) {
        int n = z0.length;
        double[] z = project(z0, k);
        double[] prev = z.clone();
        double[] w = new double[n];
        double[] g = new double[n];
        for (int t = 0; t < settings.steps(); t++) {
            for (int i = 0; i < n; i++) {
                w[i] = z[i] + settings.momentum() * (z[i] - prev[i]);
            }
            f.gradient(w, g);
            for (int i = 0; i < n; i++) {
                w[i] += settings.rate() * g[i];
            }
            System.arraycopy(z, 0, prev, 0, n);
            z = project(w, k);
        }
        return new Solution(f, z, settings.ridge(), parameters);
    }

    /** The Euclidean projection of v onto {z ∈ [0, 1]ⁿ : Σz = k}, 0 ≤ k ≤ n. */
    public static double[] project(double[] v, double k) {
        int n = v.length;
        if (!(k >= 0 && k <= n)) {
            throw new IllegalArgumentException("the budget must be in [0, " + n + "], got " + k);
        }
        double[] bp = new double[2 * n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("cannot project a non-finite point");
            }
            bp[2 * i] = v[i];
            bp[2 * i + 1] = v[i] - 1;
        }
        Arrays.sort(bp);
        // h is nonincreasing: h(bp[0]) = n... find consecutive breakpoints with h(lo) ≥ k ≥ h(hi).
        double tau = bp[0];
        double hPrev = coverage(v, bp[0]);
        if (hPrev <= k) {
            tau = bp[0] - (k - hPrev); // only reached when k = n (h = n left of every breakpoint)
        } else {
            for (int q = 1; q < 2 * n; q++) {
                double hq = coverage(v, bp[q]);
                if (hq <= k) {
                    // h is linear on [bp[q−1], bp[q]].
                    tau = hPrev == hq ? bp[q] : bp[q - 1] + (hPrev - k) * (bp[q] - bp[q - 1]) / (hPrev - hq);
                    break;
                }
                hPrev = hq;
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = Math.min(1, Math.max(0, v[i] - tau));
        }
        return z;
    }

    private static double coverage(double[] v, double tau) {
        double s = 0;
        for (double vi : v) {
            s += Math.min(1, Math.max(0, vi - tau));
        }
        return s;
    }
}
