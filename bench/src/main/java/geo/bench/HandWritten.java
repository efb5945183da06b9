package geo.bench;

/**
 * The geodesic sprays of the benchmark models written by hand in plain Java, as a careful
 * programmer would: the baseline compiled kernels are measured against. Each is checked against
 * the compiled kernel in {@code SprayBenchmark.setup} before anything is timed.
 */
final class HandWritten {

    private HandWritten() {
    }

    /** Unit sphere, g = diag(1, sin²θ): a = (sinθ cosθ φ'², −2 cotθ θ' φ'). */
    static void sphere(double[] x, double[] v, double[] a) {
        double s = Math.sin(x[0]);
        double c = Math.cos(x[0]);
        a[0] = s * c * v[1] * v[1];
        a[1] = -2.0 * c / s * v[0] * v[1];
    }

    /**
     * Poincaré ball, g = e^{2σ} I with σ = log(2 / (1 − |x|²)): for a conformal metric
     * a = −2 (v·∇σ) v + |v|² ∇σ, ∇σ = 2x / (1 − |x|²).
     */
    static void poincare(double[] x, double[] v, double[] a) {
        double gs = 2.0 / (1.0 - (x[0] * x[0] + x[1] * x[1]));
        double s0 = gs * x[0];
        double s1 = gs * x[1];
        double vs = v[0] * s0 + v[1] * s1;
        double vv = v[0] * v[0] + v[1] * v[1];
        a[0] = -2.0 * vs * v[0] + vv * s0;
        a[1] = -2.0 * vs * v[1] + vv * s1;
    }

    /**
     * The network metric g = L Lᵀ + εI, L = [[e^{l0}, 0], [l1, e^{l2}]], l = W2 tanh(W1 x + b1) + b2,
     * with θ laid out as W1 (32×2), b1 (32), W2 (3×32), b2 (3). The spray solves
     * g a = −Γ_flat[v, v] with Γ of the first kind from ∂g/∂x_k = ∂L Lᵀ + L ∂Lᵀ.
     *
     * @param work scratch of length at least 32 (modified)
     */
    static void network(double[] x, double[] v, double[] th, double[] a, double[] work) {
        final int hidden = 32;
        final int w2 = 96;
        final int b2 = 192;
        double l0 = th[b2];
        double l1 = th[b2 + 1];
        double l2 = th[b2 + 2];
        double d00 = 0;
        double d01 = 0;
        double d10 = 0;
        double d11 = 0;
        double d20 = 0;
        double d21 = 0;
        for (int i = 0; i < hidden; i++) {
            double h = Math.tanh(th[2 * i] * x[0] + th[2 * i + 1] * x[1] + th[64 + i]);
            double dh = 1.0 - h * h;
            double c0 = th[w2 + i];
            double c1 = th[w2 + hidden + i];
            double c2 = th[w2 + 2 * hidden + i];
            l0 += c0 * h;
            l1 += c1 * h;
            l2 += c2 * h;
            double u0 = dh * th[2 * i];
            double u1 = dh * th[2 * i + 1];
            d00 += c0 * u0;
            d01 += c0 * u1;
            d10 += c1 * u0;
            d11 += c1 * u1;
            d20 += c2 * u0;
            d21 += c2 * u1;
        }
        double e0 = Math.exp(l0);
        double e2 = Math.exp(l2);
        double g00 = e0 * e0 + 1e-3;
        double g01 = e0 * l1;
        double g11 = l1 * l1 + e2 * e2 + 1e-3;
        // ∂g/∂x_k for L = [[e0, 0], [l1, e2]]: g00 = e0², g01 = e0 l1, g11 = l1² + e2².
        double[] dg = work;
        for (int k = 0; k < 2; k++) {
            double dl0 = k == 0 ? d00 : d01;
            double dl1 = k == 0 ? d10 : d11;
            double dl2 = k == 0 ? d20 : d21;
            dg[3 * k] = 2 * e0 * e0 * dl0;
            dg[3 * k + 1] = e0 * dl0 * l1 + e0 * dl1;
            dg[3 * k + 2] = 2 * l1 * dl1 + 2 * e2 * e2 * dl2;
        }
        // rhs_l = ½ ∂_l(vᵀgv) − (D_v g v)_l
        double q0 = dg[0] * v[0] * v[0] + 2 * dg[1] * v[0] * v[1] + dg[2] * v[1] * v[1];
        double q1 = dg[3] * v[0] * v[0] + 2 * dg[4] * v[0] * v[1] + dg[5] * v[1] * v[1];
        double m00 = v[0] * dg[0] + v[1] * dg[3];
        double m01 = v[0] * dg[1] + v[1] * dg[4];
        double m11 = v[0] * dg[2] + v[1] * dg[5];
        double r0 = 0.5 * q0 - (m00 * v[0] + m01 * v[1]);
        double r1 = 0.5 * q1 - (m01 * v[0] + m11 * v[1]);
        double det = g00 * g11 - g01 * g01;
        a[0] = (g11 * r0 - g01 * r1) / det;
        a[1] = (g00 * r1 - g01 * r0) / det;
    }
}
