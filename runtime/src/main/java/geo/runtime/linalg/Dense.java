package geo.runtime.linalg;

/** Dense n×n linear systems, row-major, in place. */
public final class Dense {

    private Dense() {
    }

    /**
     * Solves A s = b by Gaussian elimination with partial pivoting. {@code a} (n×n, row-major) is
     * overwritten by its elimination; {@code b} (length n) is overwritten by the solution s.
     * Allocates nothing.
     *
     * @return false (leaving a and b in an unspecified state) when a pivot is negligible, below
     *         1e-13 times the largest entry of A: the matrix is singular to working precision
     */
    public static boolean solve(double[] a, double[] b, int n) {
        double scale = 0;
        for (int i = 0; i < n * n; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
        }
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int r = k + 1; r < n; r++) {
                if (Math.abs(a[r * n + k]) > Math.abs(a[p * n + k])) {
                    p = r;
                }
            }
            if (!(Math.abs(a[p * n + k]) > 1e-13 * scale)) {
                return false;
            }
            if (p != k) {
                for (int c = 0; c < n; c++) {
                    double t = a[k * n + c];
                    a[k * n + c] = a[p * n + c];
                    a[p * n + c] = t;
                }
                double t = b[k];
                b[k] = b[p];
                b[p] = t;
            }
            for (int r = k + 1; r < n; r++) {
                double factor = a[r * n + k] / a[k * n + k];
                for (int c = k; c < n; c++) {
                    a[r * n + c] -= factor * a[k * n + c];
                }
                b[r] -= factor * b[k];
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r * n + c] * b[c];
            }
            b[r] = s / a[r * n + r];
        }
        return true;
    }
}
