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
            int i = j + 1;
            // Four rows at a time: each entry's subtractions in the same order (so the same bits
            // as one row at a time), but four independent chains of them in flight, which the
            // processor overlaps (issue 23: the factorisation is a fifth of a dense metric's
            // distance at d = 20).
            for (; i + 3 < n; i += 4) {
                int r0 = i * n;
                int r1 = r0 + n;
                int r2 = r1 + n;
                int r3 = r2 + n;
                double t0 = a[r0 + j];
                double t1 = a[r1 + j];
                double t2 = a[r2 + j];
                double t3 = a[r3 + j];
                for (int k = 0; k < j; k++) {
                    double ljk = a[j * n + k];
                    t0 -= a[r0 + k] * ljk;
                    t1 -= a[r1 + k] * ljk;
                    t2 -= a[r2 + k] * ljk;
                    t3 -= a[r3 + k] * ljk;
                }
                a[r0 + j] = t0 / pivot;
                a[r1 + j] = t1 / pivot;
                a[r2 + j] = t2 / pivot;
                a[r3 + j] = t3 / pivot;
            }
            for (; i < n; i++) {
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

    /**
     * Solves L Lᵀ Y = B in place for the {@code count} columns of B (n×count, row-major:
     * B[j][c] at {@code j·count + c}): each column gets the operations of {@link #solve} in their
     * order, so the same bits, but the inner loops run along the rows of B, whose columns are
     * independent (no chain of dependent subtractions, and a loop the JIT may vectorise).
     */
    public static void solveColumns(double[] l, int n, double[] b, int count) {
        for (int j = 0; j < n; j++) {
            int row = j * count;
            for (int k = 0; k < j; k++) {
                double ljk = l[j * n + k];
                int other = k * count;
                for (int c = 0; c < count; c++) {
                    b[row + c] -= ljk * b[other + c];
                }
            }
            double pivot = l[j * n + j];
            for (int c = 0; c < count; c++) {
                b[row + c] = b[row + c] / pivot;
            }
        }
        for (int j = n - 1; j >= 0; j--) {
            int row = j * count;
            for (int k = j + 1; k < n; k++) {
                double lkj = l[k * n + j];
                int other = k * count;
                for (int c = 0; c < count; c++) {
                    b[row + c] -= lkj * b[other + c];
                }
            }
            double pivot = l[j * n + j];
            for (int c = 0; c < count; c++) {
                b[row + c] = b[row + c] / pivot;
            }
        }
    }
}
