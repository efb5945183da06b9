package geo.runtime.learn.taskmet;

/**
 * The budget-allocation objective (Wilder, Dilkina &amp; Tambe, "Melding the data-decisions
 * pipeline", AAAI 2019): n items (channels) reach T targets, item i reaching target t with
 * probability p_it, and z_i ∈ [0, 1] is the share of item i; the expected number of targets reached
 * f(z; p) = Σ_t (1 − Π_i (1 − z_i p_it)), a multilinear (DR-submodular) function. Its derivatives,
 * with P_t^{−S} = Π_{k∉S} (1 − z_k p_kt):
 * <pre>
 *   ∂f/∂z_i = Σ_t p_it P_t^{−i},     ∂²f/∂z_i∂z_j = −Σ_t p_it p_jt P_t^{−ij} (i ≠ j), 0 (i = j),
 *   ∂²f/∂z_i∂p_it = P_t^{−i},        ∂²f/∂z_i∂p_jt = −z_j p_it P_t^{−ij} (j ≠ i).
 * </pre>
 * The products leave the excluded factors out (no division, so z_k p_kt = 1 is fine).
 */
public final class Coverage implements CappedSimplex.Objective {

    private final double[] p;
    private final int n;
    private final int targets;

    /** @param p the n×T probabilities, row-major (not copied) */
    public Coverage(double[] p, int n, int targets) {
        if (p.length != n * targets) {
            throw new IllegalArgumentException("expected " + n + "×" + targets + " probabilities");
        }
        this.p = p;
        this.n = n;
        this.targets = targets;
    }

    /** f(z; p) for the probabilities p (n×T, row-major). */
    public static double value(double[] z, double[] p, int n, int targets) {
        double f = 0;
        for (int t = 0; t < targets; t++) {
            double prod = 1;
            for (int i = 0; i < n; i++) {
                prod *= 1 - z[i] * p[i * targets + t];
            }
            f += 1 - prod;
        }
        return f;
    }

    @Override
    public double value(double[] z) {
        return value(z, p, n, targets);
    }

    @Override
    public void gradient(double[] z, double[] out) {
        gradient(z, p, n, targets, out);
    }

    /** ∇_z f for the probabilities p (overwritten). */
    public static void gradient(double[] z, double[] p, int n, int targets, double[] out) {
        for (int i = 0; i < n; i++) {
            double g = 0;
            for (int t = 0; t < targets; t++) {
                g += p[i * targets + t] * without(z, p, n, targets, t, i, -1);
            }
            out[i] = g;
        }
    }

    @Override
    public void hessian(double[] z, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i * n + i] = 0;
            for (int j = i + 1; j < n; j++) {
                double h = 0;
                for (int t = 0; t < targets; t++) {
                    h -= p[i * targets + t] * p[j * targets + t] * without(z, p, n, targets, t, i, j);
                }
                out[i * n + j] = h;
                out[j * n + i] = h;
            }
        }
    }

    @Override
    public void mixedTransposed(double[] z, double[] a, double[] out) {
        for (int j = 0; j < n; j++) {
            for (int t = 0; t < targets; t++) {
                double s = a[j] * without(z, p, n, targets, t, j, -1);
                for (int i = 0; i < n; i++) {
                    if (i != j && a[i] != 0) {
                        s -= a[i] * z[j] * p[i * targets + t] * without(z, p, n, targets, t, i, j);
                    }
                }
                out[j * targets + t] = s;
            }
        }
    }

    /** Π_{k ∉ {i, j}} (1 − z_k p_kt) (j = −1: only i left out). */
    private static double without(double[] z, double[] p, int n, int targets, int t, int i, int j) {
        double prod = 1;
        for (int k = 0; k < n; k++) {
            if (k != i && k != j) {
                prod *= 1 - z[k] * p[k * targets + t];
            }
        }
        return prod;
    }
}
