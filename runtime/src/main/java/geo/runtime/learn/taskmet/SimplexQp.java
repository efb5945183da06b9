package geo.runtime.learn.taskmet;

import geo.runtime.linalg.Cholesky;
import geo.runtime.linalg.Dense;

/**
 * The strictly convex QP over the probability simplex
 * <pre>
 *   min_z ½ zᵀQz − cᵀz   s.t.  z ≥ 0,  1ᵀz = 1          (Q symmetric positive definite)
 * </pre>
 * solved exactly by a primal active-set method (Nocedal &amp; Wright, <i>Numerical
 * Optimization</i>, 2nd ed., Algorithm 16.3), and differentiated in c through its KKT system. It
 * is the Portfolio decision of LODL ({@code PortfolioOpt.py}: max ŷᵀz − α‖Lz‖² with 0 ≤ z ≤ 1,
 * Σz = 1, so Q = 2α LᵀL and c = ŷ); the bounds z ≤ 1 are implied by z ≥ 0 and Σz = 1, so they
 * never bind and are not carried.
 *
 * <p>With the working set W (coordinates held at 0) and F its complement, each iteration solves the
 * equality-constrained problem on F in closed form, z_F = Q_FF⁻¹(c_F + λ1) with
 * λ = (1 − 1ᵀQ_FF⁻¹c_F)/(1ᵀQ_FF⁻¹1) (one Cholesky factorisation); when it is infeasible, the
 * step towards it stops at the first blocking coordinate, which joins W; when it is feasible, the
 * multipliers μ_W = (Qz − c − λ1)_W are checked and the most negative leaves W. At the optimum
 * μ_W ≥ 0 (the KKT conditions; {@link Solution#kktResidual} reports them).
 *
 * <p>Derivative: on F, Q_FF z_F − λ1 = c_F and 1ᵀz_F = 1, so with K = [Q_FF 1; 1ᵀ 0] (symmetric),
 * K [dz_F; −dλ] = [dc_F; 0], dz_W = 0, and the vector–Jacobian product is c̄_F = a with
 * K [a; b] = [z̄_F; 0], c̄_W = 0 — what cvxpylayers computes for this problem (Agrawal et al.,
 * "Differentiable convex optimization layers", NeurIPS 2019), exact away from degenerate points
 * (a coordinate at 0 with μ = 0).
 */
public final class SimplexQp {

    private final int n;
    private final double[] q;

    /** @param q Q, n×n row-major, symmetric positive definite (not copied) */
    public SimplexQp(double[] q, int n) {
        if (q.length != n * n || n < 1) {
            throw new IllegalArgumentException("Q must be " + n + "×" + n);
        }
        this.n = n;
        this.q = q;
    }

    /** The optimum and its derivative. */
    public final class Solution implements Decision {
        private final double[] z;
        private final boolean[] fixed;
        private final double lambda;
        private final double[] c;
        private final int iterations;

        private Solution(double[] z, boolean[] fixed, double lambda, double[] c, int iterations) {
            this.z = z;
            this.fixed = fixed;
            this.lambda = lambda;
            this.c = c;
            this.iterations = iterations;
        }

        @Override
        public double[] z() {
            return z.clone();
        }

        /** The active-set iterations taken. */
        public int iterations() {
            return iterations;
        }

        /**
         * max(‖(Qz − c − λ1)_F‖∞, max_W (−μ_i)⁺, max_i (−z_i)⁺, |1ᵀz − 1|): zero at the exact optimum.
         */
        public double kktResidual() {
            double r = 0;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double gi = -c[i] - lambda;
                for (int j = 0; j < n; j++) {
                    gi += q[i * n + j] * z[j];
                }
                r = Math.max(r, fixed[i] ? Math.max(0, -gi) : Math.abs(gi));
                r = Math.max(r, Math.max(0, -z[i]));
                sum += z[i];
            }
            return Math.max(r, Math.abs(sum - 1));
        }

        @Override
        public double[] vjp(double[] zBar) {
            int[] free = freeSet(fixed);
            int m = free.length;
            int s = m + 1;
            double[] k = new double[s * s];
            double[] rhs = new double[s];
            for (int r = 0; r < m; r++) {
                for (int col = 0; col < m; col++) {
                    k[r * s + col] = q[free[r] * n + free[col]];
                }
                k[r * s + m] = 1;
                k[m * s + r] = 1;
                rhs[r] = zBar[free[r]];
            }
            double[] cBar = new double[n];
            if (!Dense.solve(k, rhs, s)) {
                throw new IllegalStateException("the KKT matrix of a positive definite Q is singular");
            }
            for (int r = 0; r < m; r++) {
                cBar[free[r]] = rhs[r];
            }
            return cBar;
        }
    }

    /**
     * Solves from the vertex of the largest c_i (all else in the working set): optima of this
     * problem are often sparse, and each iteration then factors only the few free coordinates.
     */
    public Solution solve(double[] c) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (c[i] > c[best]) {
                best = i;
            }
        }
        double[] z = new double[n];
        z[best] = 1;
        return solve(c, z);
    }

    /**
     * Solves from a feasible start (z ≥ 0, 1ᵀz = 1; its zero coordinates are the first working
     * set), e.g. the previous solution of the same instance (a warm start: few iterations).
     */
    public Solution solve(double[] c, double[] start) {
        if (c.length != n || start.length != n) {
            throw new IllegalArgumentException("expected vectors of length " + n);
        }
        double[] z = start.clone();
        boolean[] fixed = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(c[i])) {
                throw new IllegalArgumentException("the linear term has a non-finite entry at " + i);
            }
            fixed[i] = z[i] <= 0;
            if (fixed[i]) {
                z[i] = 0;
            }
        }
        double lambda = 0;
        int limit = 20 * n + 20;
        for (int it = 1; it <= limit; it++) {
            int[] free = freeSet(fixed);
            int m = free.length;
            double[] l = new double[m * m];
            for (int r = 0; r < m; r++) {
                for (int col = 0; col < m; col++) {
                    l[r * m + col] = q[free[r] * n + free[col]];
                }
            }
            if (Cholesky.factor(l, m) != m) {
                throw new IllegalArgumentException("Q is not positive definite");
            }
            double[] qc = new double[m];
            double[] q1 = new double[m];
            for (int r = 0; r < m; r++) {
                qc[r] = c[free[r]];
                q1[r] = 1;
            }
            Cholesky.solve(l, m, qc);
            Cholesky.solve(l, m, q1);
            double sc = 0;
            double s1 = 0;
            for (int r = 0; r < m; r++) {
                sc += qc[r];
                s1 += q1[r];
            }
            lambda = (1 - sc) / s1;
            double alpha = 1;
            int blocking = -1;
            for (int r = 0; r < m; r++) {
                double target = qc[r] + lambda * q1[r];
                double p = target - z[free[r]];
                if (p < 0 && target < 0) {
                    double a = z[free[r]] / -p;
                    if (a < alpha) {
                        alpha = a;
                        blocking = free[r];
                    }
                }
            }
            for (int r = 0; r < m; r++) {
                double target = qc[r] + lambda * q1[r];
                z[free[r]] += alpha * (target - z[free[r]]);
            }
            if (blocking >= 0) {
                z[blocking] = 0;
                fixed[blocking] = true;
                continue;
            }
            // Feasible EQP optimum: check the multipliers of the working set.
            int leave = -1;
            double worst = -1e-12;
            for (int i = 0; i < n; i++) {
                if (fixed[i]) {
                    double mu = -c[i] - lambda;
                    for (int j = 0; j < n; j++) {
                        mu += q[i * n + j] * z[j];
                    }
                    if (mu < worst) {
                        worst = mu;
                        leave = i;
                    }
                }
            }
            if (leave < 0) {
                return new Solution(z, fixed, lambda, c.clone(), it);
            }
            fixed[leave] = false;
        }
        throw new IllegalStateException("the active-set method did not finish in " + limit + " iterations");
    }

    private static int[] freeSet(boolean[] fixed) {
        int m = 0;
        for (boolean f : fixed) {
            m += f ? 0 : 1;
        }
        int[] free = new int[m];
        int r = 0;
        for (int i = 0; i < fixed.length; i++) {
            if (!fixed[i]) {
                free[r++] = i;
            }
        }
        return free;
    }
}
