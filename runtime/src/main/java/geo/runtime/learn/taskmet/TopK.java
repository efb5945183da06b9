package geo.runtime.learn.taskmet;

/**
 * The entropic top-k layer of Xie et al., "Differentiable Top-k with Optimal Transport", NeurIPS
 * 2020, as LODL's {@code TopK_custom} uses it for Cubic top-k: the n scores s = −ŷ are transported
 * to the two anchors a ∈ {0, 1} with cost C_ja = (s_j − a)² / max C, marginals μ_j = 1/n and
 * ν = (k/n, (n−k)/n), by a fixed number of log-domain Sinkhorn iterations
 * <pre>
 *   f_j ← ε log μ_j − ε LSE_a((g_a − C_ja)/ε),    g_a ← ε log ν_a − ε LSE_j((f_j − C_ja)/ε),
 * </pre>
 * from f = g = 0; then Γ_ja = exp((f_j + g_a − C_ja)/ε) and the soft decision is z_j = n Γ_j0
 * (z ∈ [0, 1]ⁿ, Σz = k; the k largest ŷ go to anchor 0 because C_j0 − C_j1 = (2s_j − 1)/max C).
 *
 * <p>Why not {@link geo.runtime.transport.Sinkhorn}: that solver runs to a tolerance with
 * ε-scaling and over-relaxation, whereas the published layer is exactly T plain iterations at one
 * ε, and its derivative here is reverse-mode differentiation of those T iterations (the spec's
 * accepted substitute for the original's closed-form backward), which needs every iterate; with
 * two columns the whole solve is 2·T·n exponentials, so a dedicated 60-line loop is the clear
 * choice. The normaliser max C is a constant of the derivative, as the original's {@code .detach()}.
 */
public final class TopK {

    /** ε of the published layer. */
    public static final double EPSILON = 0.01;
    /** The published number of Sinkhorn iterations. */
    public static final int ITERATIONS = 200;

    private final int n;
    private final int k;
    private final double epsilon;
    private final int iterations;

    /**
     * @param n          the number of items
     * @param k          how many to select, 1 ≤ k &lt; n
     * @param epsilon    ε &gt; 0 (of the cost normalised to max 1)
     * @param iterations T ≥ 1
     */
    public TopK(int n, int k, double epsilon, int iterations) {
        if (n < 2 || k < 1 || k >= n || !(epsilon > 0) || iterations < 1) {
            throw new IllegalArgumentException("need n ≥ 2, 1 ≤ k < n, ε > 0 and T ≥ 1; got n = " + n + ", k = " + k
                    + ", ε = " + epsilon + ", T = " + iterations);
        }
        this.n = n;
        this.k = k;
        this.epsilon = epsilon;
        this.iterations = iterations;
    }

    /** The published layer: ε = 0.01, 200 iterations. */
    public TopK(int n, int k) {
        this(n, k, EPSILON, ITERATIONS);
    }

    /** The soft decision and what its derivative needs. */
    public final class Solution implements Decision {
        private final double[] yhat;
        private final double scale;
        private final double[] f;
        private final double[] g;
        private final double[] z;

        private Solution(double[] yhat, double scale, double[] f, double[] g, double[] z) {
            this.yhat = yhat;
            this.scale = scale;
            this.f = f;
            this.g = g;
            this.z = z;
        }

        @Override
        public double[] z() {
            return z.clone();
        }

        /**
         * ŷ̄ = (∂z/∂ŷ)ᵀ z̄ by reverse-mode differentiation of the T iterations (max C held constant).
         */
        @Override
        public double[] vjp(double[] zBar) {
            double e = epsilon;
            double[] c = cost(yhat, scale);
            double[] cBar = new double[2 * n];
            double[] fBar = new double[n];
            double[] gBar = new double[2];
            int last = (iterations - 1) * n;
            int lastG = (iterations - 1) * 2;
            for (int j = 0; j < n; j++) {
                for (int a = 0; a < 2; a++) {
                    double gamma = Math.exp((f[last + j] + g[lastG + a] - c[2 * j + a]) / e);
                    double gammaBar = a == 0 ? n * zBar[j] : 0;
                    double d = gammaBar * gamma / e;
                    fBar[j] += d;
                    gBar[a] += d;
                    cBar[2 * j + a] -= d;
                }
            }
            double[] w = new double[n];
            for (int t = iterations - 1; t >= 0; t--) {
                // g^t = ε log ν − ε LSE_j((f^t_j − C_ja)/ε): column softmax B over j.
                for (int a = 0; a < 2; a++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        w[j] = (f[t * n + j] - c[2 * j + a]) / e;
                        max = Math.max(max, w[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        w[j] = Math.exp(w[j] - max);
                        sum += w[j];
                    }
                    for (int j = 0; j < n; j++) {
                        double b = w[j] / sum * gBar[a];
                        fBar[j] -= b;
                        cBar[2 * j + a] += b;
                    }
                }
                // f^t = ε log μ − ε LSE_a((g^{t−1}_a − C_ja)/ε): row softmax A over a; g^{−1} = 0.
                double g0 = t == 0 ? 0 : g[(t - 1) * 2];
                double g1 = t == 0 ? 0 : g[(t - 1) * 2 + 1];
                double gPrev0 = 0;
                double gPrev1 = 0;
                for (int j = 0; j < n; j++) {
                    double u0 = (g0 - c[2 * j]) / e;
                    double u1 = (g1 - c[2 * j + 1]) / e;
                    double a0 = 1 / (1 + Math.exp(u1 - u0));
                    double a1 = 1 - a0;
                    gPrev0 -= fBar[j] * a0;
                    gPrev1 -= fBar[j] * a1;
                    cBar[2 * j] += fBar[j] * a0;
                    cBar[2 * j + 1] += fBar[j] * a1;
                    fBar[j] = 0;
                }
                gBar[0] = gPrev0;
                gBar[1] = gPrev1;
            }
            // C_ja = (s_j − a)²/scale with s = −ŷ: ∂C_ja/∂ŷ_j = −2 (s_j − a)/scale.
            double[] yBar = new double[n];
            for (int j = 0; j < n; j++) {
                double s = -yhat[j];
                yBar[j] = -2 * (cBar[2 * j] * s + cBar[2 * j + 1] * (s - 1)) / scale;
            }
            return yBar;
        }
    }

    /** The soft top-k of the predictions ŷ (length n), normalising the cost by its own max C. */
    public Solution solve(double[] yhat) {
        double scale = 0;
        for (double y : yhat) {
            double s = -y;
            scale = Math.max(scale, Math.max(s * s, (s - 1) * (s - 1)));
        }
        return solve(yhat, scale);
    }

    /** As {@link #solve(double[])} with the normaliser max C given (so that tests can hold it fixed). */
    public Solution solve(double[] yhat, double scale) {
        if (yhat.length != n) {
            throw new IllegalArgumentException("expected " + n + " scores, got " + yhat.length);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("the cost normaliser must be positive and finite, got " + scale);
        }
        double e = epsilon;
        double[] c = cost(yhat, scale);
        double logMu = e * Math.log(1.0 / n);
        double logNu0 = e * Math.log((double) k / n);
        double logNu1 = e * Math.log((double) (n - k) / n);
        double[] f = new double[iterations * n];
        double[] g = new double[iterations * 2];
        double g0 = 0;
        double g1 = 0;
        double[] w = new double[n];
        for (int t = 0; t < iterations; t++) {
            for (int j = 0; j < n; j++) {
                f[t * n + j] = logMu - e * lse2((g0 - c[2 * j]) / e, (g1 - c[2 * j + 1]) / e);
            }
            double[] gt = new double[2];
            for (int a = 0; a < 2; a++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    w[j] = (f[t * n + j] - c[2 * j + a]) / e;
                    max = Math.max(max, w[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(w[j] - max);
                }
                gt[a] = (a == 0 ? logNu0 : logNu1) - e * (max + Math.log(sum));
            }
            g0 = gt[0];
            g1 = gt[1];
            g[t * 2] = g0;
            g[t * 2 + 1] = g1;
        }
        double[] z = new double[n];
        int last = (iterations - 1) * n;
        for (int j = 0; j < n; j++) {
            z[j] = n * Math.exp((f[last + j] + g0 - c[2 * j]) / e);
        }
        return new Solution(yhat.clone(), scale, f, g, z);
    }

    /** The hard decision: the indicator of the k largest ŷ (ties to the lower index). */
    public static double[] hard(double[] yhat, int k) {
        double[] z = new double[yhat.length];
        for (int r = 0; r < k; r++) {
            int best = -1;
            for (int j = 0; j < yhat.length; j++) {
                if (z[j] == 0 && (best < 0 || yhat[j] > yhat[best])) {
                    best = j;
                }
            }
            z[best] = 1;
        }
        return z;
    }

    private double[] cost(double[] yhat, double scale) {
        double[] c = new double[2 * n];
        for (int j = 0; j < n; j++) {
            double s = -yhat[j];
            c[2 * j] = s * s / scale;
            c[2 * j + 1] = (s - 1) * (s - 1) / scale;
        }
        return c;
    }

    private static double lse2(double a, double b) {
        double m = Math.max(a, b);
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }
}
