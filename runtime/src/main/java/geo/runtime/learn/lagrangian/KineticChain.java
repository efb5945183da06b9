package geo.runtime.learn.lagrangian;

import geo.runtime.optim.Objective;

/**
 * The change of variables that makes the discrete action well conditioned for L-BFGS (the
 * discrete analogue of {@code spline.KineticPreconditioner}). The kinetic part Σ_k ½|Δ_k|² of
 * the discrete action is, per coordinate, ½ qᵀK q + linear terms in the chain's free points q,
 * with K tridiagonal: −1 off the diagonal and 2 on it — except 1 for the last point when it is a
 * free end (the c-transform's y, which only the last displacement touches). With K = L Lᵀ
 * (bidiagonal Cholesky: L_kk = √(K_kk − L_{k,k−1}²), L_{k,k−1} = −1/L_{k−1,k−1}) and w = Lᵀq,
 * the kinetic Hessian in w is the identity; its condition in q grows like n², so without this
 * L-BFGS needs many more steps. Points are interleaved, {@code q[k·d + i]}.
 * <pre>
 *   q = L⁻ᵀ w,     ∂S/∂w = L⁻¹ ∂S/∂q.
 * </pre>
 * Immutable; the transforms allocate nothing.
 */
final class KineticChain {

    private final int n;
    private final int d;
    private final double[] diag;
    private final double[] sub;

    /**
     * @param n       the free points of the chain
     * @param d       the dimension of a point
     * @param freeEnd whether the last point is a free end (diagonal 1 there)
     */
    KineticChain(int n, int d, boolean freeEnd) {
        this.n = n;
        this.d = d;
        this.diag = new double[n];
        this.sub = new double[n];
        for (int k = 0; k < n; k++) {
            double kk = freeEnd && k == n - 1 ? 1 : 2;
            double s = k == 0 ? 0 : -1 / diag[k - 1];
            sub[k] = s;
            diag[k] = Math.sqrt(kk - s * s);
        }
    }

    /** w = Lᵀ q. */
    void toW(double[] q, double[] w) {
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < n; k++) {
                double v = diag[k] * q[k * d + i];
                if (k + 1 < n) {
                    v += sub[k + 1] * q[(k + 1) * d + i];
                }
                w[k * d + i] = v;
            }
        }
    }

    /** q = L⁻ᵀ w (back substitution). */
    void toQ(double[] w, double[] q) {
        for (int i = 0; i < d; i++) {
            for (int k = n - 1; k >= 0; k--) {
                double v = w[k * d + i];
                if (k + 1 < n) {
                    v -= sub[k + 1] * q[(k + 1) * d + i];
                }
                q[k * d + i] = v / diag[k];
            }
        }
    }

    /** ∂S/∂w = L⁻¹ ∂S/∂q (forward substitution). */
    void pullGradient(double[] gq, double[] gw) {
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < n; k++) {
                double v = gq[k * d + i];
                if (k > 0) {
                    v -= sub[k] * gw[(k - 1) * d + i];
                }
                gw[k * d + i] = v / diag[k];
            }
        }
    }

    /**
     * The kinetic-Newton step's predicted relative gap ½|∂S/∂w|₂²/S at a point with action s and
     * q-gradient gq (gw a workspace); +∞ when s is not finite or not positive.
     */
    double predictedGap(double s, double[] gq, double[] gw) {
        if (!Double.isFinite(s) || !(s > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        pullGradient(gq, gw);
        double g2 = 0;
        for (double v : gw) {
            g2 += v * v;
        }
        return 0.5 * g2 / s;
    }

    /** f(q) as an objective of w. */
    Objective wrap(Objective f) {
        double[] q = new double[n * d];
        double[] gq = new double[n * d];
        return (w, gw) -> {
            toQ(w, q);
            double v = f.valueAndGradient(q, gq);
            if (Double.isFinite(v)) {
                pullGradient(gq, gw);
            }
            return v;
        };
    }
}
