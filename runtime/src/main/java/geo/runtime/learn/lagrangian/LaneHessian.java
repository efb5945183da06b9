package geo.runtime.learn.lagrangian;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.LagrangianKernels;

/**
 * The exact Hessian H = ∂²S_m/∂q² of the discrete action of {@link LaneAction} over a batch of lanes,
 * its Cholesky factor and the Newton steps −H⁻¹∂S/∂q, for Lagrangians of the form
 * L(t, x, v) = ½|v|² + V(t, x) (every task here: V = −U, the obstacle's potential). For those
 * <pre>
 *   S_m = Σ_{k=0}^{E−1} ½|x_{k+1} − x_k + δ|² + (1/m) Σ_{k=0}^{E−1} [V(t_k, x_k) + Σ_{j=1}^{m−1} V(s_kj, γ_kj)],
 *   H   = K ⊗ I_d + (1/m) [Σ_k E_kᵀ ∇²V(x_k) E_k + Σ_{k,j} (w_kj w_kjᵀ) ⊗ ∇²V(γ_kj)],
 * </pre>
 * with K = tridiag(−1, 2, −1) the kinetic part over the T − 2 free points, E_k the selection of x_k
 * and w_kj the spline's weights of the sub-point γ_kj = Σ_l w_kj,l x_l over the free points
 * ({@link LaneAction#subPointWeights}; the C² interpolant is linear in its points, the same weights for
 * every coordinate, and dense: the slopes depend on every point, decaying like (2 − √3)^distance). The
 * potential's Hessians come from the model's compiled acceleration Jacobian: for L = ½|v|² + V the
 * Euler–Lagrange acceleration is a = ∇V, so ∂a/∂x = ∇²V exactly ({@link #check} verifies the form at
 * probe points). Layout: structure of arrays, row r of a work array holding value r of every lane,
 * the lower triangle of H packed by rows (index i(i + 1)/2 + j, j ≤ i) with the unknowns in
 * {@code DiscreteAction}'s order [k·d + i].
 *
 * <p>The factorisation is Cholesky's H = LLᵀ without pivoting (Golub &amp; Van Loan, <i>Matrix
 * Computations</i>, 4th ed., Alg. 4.2.1); a pivot at most {@link #PIVOT_FLOOR} (or not finite) marks
 * the lane's H as not positive definite. Then the Newton decrement λ² = gᵀH⁻¹g = |L⁻¹g|² (Boyd &amp;
 * Vandenberghe, <i>Convex Optimization</i>, 2004, §9.5.1) comes from the forward solve alone.
 * Holds work arrays: not thread-safe.
 */
final class LaneHessian {

    /** Pivots at most this (H's diagonal is about 2) mark H as not positive definite. */
    static final double PIVOT_FLOOR = 1e-10;

    private final LaneAction action;
    private final AccelerationKernels acceleration;
    private final int e;
    private final int d;
    private final int m;
    private final int free;
    /** The sub-points' weights over the free points only: [sub-point][l − 1], l = 1 … T − 2. */
    private final double[][] weights;
    /** Packed lower triangle of H, then of L: [i(i + 1)/2 + j][lane]. */
    private final double[][] h;
    /** ∇²V at the main points x_1 … x_{E−1}, then at the sub-points: [(point)·d² + i·d + i'][lane]. */
    private final double[][] hv;
    private final boolean[] positive;
    private final double[] inv;
    private final double[] point;
    private final double[] zero;
    private final double[] a;
    private final double[] dx;
    private final double[] dv;
    private final double[] da;

    /**
     * @param action       the batch action whose last evaluation's points H is taken at
     * @param acceleration the same model's acceleration kernels (its Euler–Lagrange a = ∇V)
     */
    LaneHessian(LaneAction action, AccelerationKernels acceleration) {
        this.action = action;
        this.acceleration = acceleration;
        int t = action.samples();
        this.e = t - 1;
        this.d = action.dimension();
        this.m = action.subdivisions();
        this.free = (t - 2) * d;
        double[][] all = LaneAction.subPointWeights(t, m);
        this.weights = new double[all.length][t - 2];
        for (int r = 0; r < all.length; r++) {
            System.arraycopy(all[r], 1, weights[r], 0, t - 2);
        }
        int capacity = action.capacity();
        this.h = new double[free * (free + 1) / 2][capacity];
        this.hv = new double[((e - 1) + all.length) * d * d][capacity];
        this.positive = new boolean[capacity];
        this.inv = new double[capacity];
        this.point = new double[d];
        this.zero = new double[d];
        this.a = new double[d];
        this.dx = new double[d * d];
        this.dv = new double[d * d];
        this.da = new double[d * d];
        for (int i = 0; i < d; i++) {
            dx[i * d + i] = 1;
        }
    }

    /**
     * Whether the model is of the form ½|v|² + V(t, x) with a = ∇V, checked at a few probe points
     * (t, x, v) and θ: ∂L/∂v = v, ∂L/∂x independent of v, and a = ∂L/∂x, each to 1e-12 relative.
     * A check of the form at those points, not a proof; the Newton steps need it.
     */
    static boolean check(LagrangianKernels lagrangian, AccelerationKernels acceleration, double[] theta) {
        int d = lagrangian.descriptor().dimension();
        double[] x = new double[d];
        double[] v = new double[d];
        double[] zero = new double[d];
        double[] gx = new double[d];
        double[] gv = new double[d];
        double[] gx0 = new double[d];
        double[] acc = new double[d];
        double[] gTheta = new double[theta.length];
        double[][] probes = {{0.3, -0.7, 0.4, 1.1}, {-0.45, 0.2, -1.3, 0.6}, {0.05, 0.51, 0.9, -0.2}};
        for (double[] pr : probes) {
            for (int i = 0; i < d; i++) {
                x[i] = pr[i % 2] * (1 + 0.1 * i);
                v[i] = pr[2 + i % 2] * (1 - 0.1 * i);
            }
            double tk = pr[0] + 0.5;
            if (!lagrangian.descriptor().domain().contains(x)) {
                continue;
            }
            lagrangian.lagrangianGradient(tk, x, v, theta, gx, gv, gTheta);
            lagrangian.lagrangianGradient(tk, x, zero, theta, gx0, zero.clone(), gTheta);
            acceleration.acceleration(tk, x, v, theta, acc);
            for (int i = 0; i < d; i++) {
                double scale = 1 + Math.abs(gx0[i]);
                if (!(Math.abs(gv[i] - v[i]) <= 1e-12 * (1 + Math.abs(v[i]))
                        && Math.abs(gx[i] - gx0[i]) <= 1e-12 * scale && Math.abs(acc[i] - gx0[i]) <= 1e-12 * scale)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int at(int i, int j) {
        return i * (i + 1) / 2 + j;
    }

    /**
     * Assembles H for lanes b &lt; n at the points of the action's last {@link LaneAction#evaluate} and
     * factors it in place; afterwards {@link #positiveDefinite} and {@link #newtonStep} answer per lane.
     * Lanes whose action was not finite must not be used.
     */
    void factor(int n) {
        potentialHessians(n);
        assemble(n);
        cholesky(n);
    }

    /** Whether lane b's H was positive definite at the last {@link #factor}. */
    boolean positiveDefinite(int b) {
        return positive[b];
    }

    /**
     * Lane b's Newton step δ = −H⁻¹ gq (into delta) from the last {@link #factor}; returns the Newton
     * decrement λ² = gqᵀH⁻¹gq (NaN when H was not positive definite, delta then untouched).
     */
    double newtonStep(int b, double[] gq, double[] delta) {
        if (!positive[b]) {
            return Double.NaN;
        }
        double lambda2 = 0;
        for (int i = 0; i < free; i++) {
            double v = gq[i];
            int row = at(i, 0);
            for (int k = 0; k < i; k++) {
                v -= h[row + k][b] * delta[k];
            }
            v /= h[row + i][b];
            delta[i] = v;
            lambda2 += v * v;
        }
        for (int i = free - 1; i >= 0; i--) {
            double v = delta[i];
            for (int k = i + 1; k < free; k++) {
                v -= h[at(k, i)][b] * delta[k];
            }
            delta[i] = v / h[at(i, i)][b];
        }
        for (int i = 0; i < free; i++) {
            delta[i] = -delta[i];
        }
        return lambda2;
    }

    /** ∇²V = ∂a/∂x at every main point x_1 … x_{E−1} and sub-point of every lane (one call of the kernel each). */
    private void potentialHessians(int n) {
        double[][] p = action.points();
        double[][] sub = action.subPoints();
        double[] theta = action.theta();
        int dd = d * d;
        for (int b = 0; b < n; b++) {
            int z = 0;
            for (int k = 1; k < e; k++, z++) {
                for (int i = 0; i < d; i++) {
                    point[i] = p[k * d + i][b];
                }
                jacobian((double) k / e, theta, z * dd, b);
            }
            for (int k = 0; k < e; k++) {
                for (int j = 1; j < m; j++, z++) {
                    int row = (k * (m - 1) + j - 1) * d;
                    for (int i = 0; i < d; i++) {
                        point[i] = sub[row + i][b];
                    }
                    jacobian((k + (double) j / m) / e, theta, z * dd, b);
                }
            }
        }
    }

    private void jacobian(double time, double[] theta, int row, int b) {
        acceleration.accelerationJvps(time, point, zero, theta, a, d, dx, dv, da);
        for (int r = 0; r < d * d; r++) {
            hv[row + r][b] = da[r];
        }
    }

    /** H = K ⊗ I + (1/m)(the main points' ∇²V on the diagonal blocks + Σ_z (w_z w_zᵀ) ⊗ ∇²V(γ_z)), lower triangle. */
    private void assemble(int n) {
        for (double[] r : h) {
            java.util.Arrays.fill(r, 0, n, 0);
        }
        int points = free / d;
        double scale = 1.0 / m;
        int dd = d * d;
        for (int l = 0; l < points; l++) {
            for (int i = 0; i < d; i++) {
                int u = l * d + i;
                add(h[at(u, u)], 2, n);
                if (l > 0) {
                    add(h[at(u, u - d)], -1, n);
                }
                for (int i2 = 0; i2 <= i; i2++) {
                    addScaled(h[at(u, l * d + i2)], scale, hv[l * dd + i * d + i2], n);
                }
            }
        }
        for (int z = 0; z < weights.length; z++) {
            double[] w = weights[z];
            int base = (points + z) * dd;
            for (int l = 0; l < points; l++) {
                for (int l2 = 0; l2 <= l; l2++) {
                    double c = scale * w[l] * w[l2];
                    for (int i = 0; i < d; i++) {
                        int u = l * d + i;
                        int top = l2 == l ? i : d - 1;
                        for (int i2 = 0; i2 <= top; i2++) {
                            addScaled(h[at(u, l2 * d + i2)], c, hv[base + i * d + i2], n);
                        }
                    }
                }
            }
        }
    }

    private static void add(double[] row, double c, int n) {
        for (int b = 0; b < n; b++) {
            row[b] += c;
        }
    }

    private static void addScaled(double[] row, double c, double[] x, int n) {
        for (int b = 0; b < n; b++) {
            row[b] += c * x[b];
        }
    }

    /** In-place Cholesky of every lane's packed H (loops over the lanes innermost). */
    private void cholesky(int n) {
        java.util.Arrays.fill(positive, 0, n, true);
        for (int j = 0; j < free; j++) {
            double[] jj = h[at(j, j)];
            int rowJ = at(j, 0);
            for (int k = 0; k < j; k++) {
                double[] ljk = h[rowJ + k];
                for (int b = 0; b < n; b++) {
                    jj[b] -= ljk[b] * ljk[b];
                }
            }
            for (int b = 0; b < n; b++) {
                double v = jj[b];
                if (!(v > PIVOT_FLOOR) || !Double.isFinite(v)) {
                    positive[b] = false;
                    v = 1;
                }
                double r = Math.sqrt(v);
                jj[b] = r;
                inv[b] = 1 / r;
            }
            for (int i = j + 1; i < free; i++) {
                int rowI = at(i, 0);
                double[] ij = h[rowI + j];
                for (int k = 0; k < j; k++) {
                    double[] lik = h[rowI + k];
                    double[] ljk = h[rowJ + k];
                    for (int b = 0; b < n; b++) {
                        ij[b] -= lik[b] * ljk[b];
                    }
                }
                for (int b = 0; b < n; b++) {
                    ij[b] *= inv[b];
                }
            }
        }
    }
}
