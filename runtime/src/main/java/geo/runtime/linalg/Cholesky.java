package geo.runtime.linalg;

/**
 * The Cholesky factorisation A = L Lᵀ of a symmetric positive definite n×n matrix (row-major), in
 * place, and the triangular solves with its factor. The column-by-column (Cholesky–Crout) order of
 * Golub and Van Loan, Matrix Computations, 4th ed., Algorithm 4.2.2:
 * <pre>
 *   for j = 0 … n−1:  s = a_jj − Σ_{k&lt;j} L_jk²,   L_jj = √s,
 *                     L_ij = (a_ij − Σ_{k&lt;j} L_ik L_jk) / L_jj   (i &gt; j)
 * </pre>
 * A is positive definite exactly when every pivot s is positive (§4.2). Only the lower triangle is
 * read and written; nothing is allocated. The one implementation for the implicit acceleration,
 * the metric's definiteness check and the spline preconditioner.
 */
public final class Cholesky {

    private Cholesky() {
    }

    /**
     * Overwrites the lower triangle of {@code a} with L.
     *
     * @return n when A is positive definite; otherwise the first column j whose pivot s is not
     *         positive and finite, with s left in {@code a[j·n + j]} (the columns before j hold
     *         their part of L, those after j are untouched)
     */
    public static int factor(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double s = a[j * n + j];
            for (int k = 0; k < j; k++) {
                s -= a[j * n + k] * a[j * n + k];
            }
            if (!(s > 0) || s == Double.POSITIVE_INFINITY) {
                a[j * n + j] = s;
                return j;
            }
            double pivot = Math.sqrt(s);
            a[j * n + j] = pivot;
            for (int i = j + 1; i < n; i++) {
                double t = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    t -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = t / pivot;
            }
        }
        return n;
    }

    /** Solves L Lᵀ y = b in place, with L from {@link #factor}. */
    public static void solve(double[] l, int n, double[] b) {
        solveLower(l, n, b, 0, 1);
        solveUpper(l, n, b, 0, 1);
    }

    /**
     * b ← L⁻¹ b by forward substitution, on the elements b[start + j·stride] (j = 0 … n−1), so
     * that a column of a row-major block can be solved where it stands.
     */
    public static void solveLower(double[] l, int n, double[] b, int start, int stride) {
        for (int j = 0; j < n; j++) {
            double s = b[start + j * stride];
            for (int k = 0; k < j; k++) {
                s -= l[j * n + k] * b[start + k * stride];
            }
            b[start + j * stride] = s / l[j * n + j];
        }
    }

    /** b ← L⁻ᵀ b by back substitution, on the elements b[start + j·stride] (j = 0 … n−1). */
    public static void solveUpper(double[] l, int n, double[] b, int start, int stride) {
        for (int j = n - 1; j >= 0; j--) {
            double s = b[start + j * stride];
            for (int k = j + 1; k < n; k++) {
                s -= l[k * n + j] * b[start + k * stride];
            }
            b[start + j * stride] = s / l[j * n + j];
        }
    }
}
