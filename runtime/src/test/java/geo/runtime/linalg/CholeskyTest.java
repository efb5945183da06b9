package geo.runtime.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Cholesky} against a closed form, against L Lᵀ = A and A y = b on random SPD matrices
 * (to 1e-12 relative), and its failures: the first non-positive or infinite pivot, with its value;
 * the loop orders chosen for speed (issue 23) against the textbook forms, bit for bit.
 */
class CholeskyTest {

    /** [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]. */
    @Test
    void factorsATwoByTwoInClosedForm() {
        double[] a = {4, 2, 2, 3};
        assertEquals(2, Cholesky.factor(a, 2));
        assertEquals(2, a[0], 0);
        assertEquals(1, a[2], 0);
        assertEquals(Math.sqrt(2), a[3], 0);
        assertEquals(2, a[1], 0, "the upper triangle is not touched");
        double[] b = {8, 7};
        Cholesky.solve(a, 2, b);
        // 4y0 + 2y1 = 8, 2y0 + 3y1 = 7: y = (1.25, 1.5).
        assertEquals(1.25, b[0], 1e-15);
        assertEquals(1.5, b[1], 1e-15);
    }

    @Test
    void reproducesRandomSpdMatricesAndSolves() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n = 1; n <= 9; n++) {
            double[] a = spd(r, n, 0.5);
            double[] l = a.clone();
            assertEquals(n, Cholesky.factor(l, n));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = 0;
                    for (int k = 0; k <= j; k++) {
                        s += l[i * n + k] * l[j * n + k];
                    }
                    assertEquals(a[i * n + j], s, 1e-12 * Math.abs(a[i * n + i]), "(L Lᵀ)[" + i + "," + j + "]");
                }
            }
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextDouble(-1, 1);
            }
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    b[i] += a[i * n + j] * y[j];
                }
            }
            Cholesky.solve(l, n, b);
            for (int i = 0; i < n; i++) {
                assertEquals(y[i], b[i], 1e-10, "y[" + i + "] for n = " + n);
            }
        }
    }

    /** The strided solves act on one column of a row-major block, leaving the others. */
    @Test
    void stridedSolvesActOnOneColumn() {
        double[] l = {4, 0, 2, 3};
        assertEquals(2, Cholesky.factor(l, 2));
        double[] block = {8, -1, 7, -2};
        Cholesky.solveLower(l, 2, block, 0, 2);
        Cholesky.solveUpper(l, 2, block, 0, 2);
        assertEquals(1.25, block[0], 1e-15);
        assertEquals(1.5, block[2], 1e-15);
        assertEquals(-1, block[1], 0);
        assertEquals(-2, block[3], 0);
    }

    @Test
    void reportsTheFirstPivotThatIsNotPositiveWithItsValue() {
        // The leading minors of [[1, 2], [2, 1]] are 1 and −3: pivot 1 is 1 − 4 = −3.
        double[] a = {1, 2, 2, 1};
        assertEquals(1, Cholesky.factor(a, 2));
        assertEquals(-3, a[3], 0);
        double[] singular = {0, 0, 0, 1};
        assertEquals(0, Cholesky.factor(singular, 2));
        double[] nan = {Double.NaN, 0, 0, 1};
        assertEquals(0, Cholesky.factor(nan, 2));
        double[] infinite = {1, 0, 0, Double.POSITIVE_INFINITY};
        assertEquals(1, Cholesky.factor(infinite, 2));
        assertEquals(Double.POSITIVE_INFINITY, infinite[3], 0);
    }

    /** Random SPD n×n: M Mᵀ + shift·I with M uniform in [−1, 1). */
    private static double[] spd(SplittableRandom r, int n, double shift) {
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextDouble(-1, 1);
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? shift : 0;
                for (int k = 0; k < n; k++) {
                    s += m[i * n + k] * m[j * n + k];
                }
                a[i * n + j] = s;
            }
        }
        return a;
    }

    /** Golub and Van Loan's Algorithm 4.2.2 as written, one dot product per entry: the reference order. */
    private static void crout(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double s = a[j * n + j];
            for (int k = 0; k < j; k++) {
                s -= a[j * n + k] * a[j * n + k];
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
    }

    /** The factor (four rows at a time) gives Algorithm 4.2.2's bits, the column solves those of one solve per column. */
    @Test
    void factorAndColumnSolvesMatchTheTextbookFormsBitForBit() {
        SplittableRandom r = new SplittableRandom(23);
        for (int n : new int[] {1, 2, 3, 7, 20, 33}) {
            double[] a = spd(r, n, n);
            double[] l = a.clone();
            double[] reference = a.clone();
            assertEquals(n, Cholesky.factor(l, n));
            crout(reference, n);
            assertArrayEquals(reference, l, "L for n = " + n);
            int count = n + 2;
            double[] b = r.doubles(n * count, -1, 1).toArray();
            double[] columns = b.clone();
            Cholesky.solveColumns(l, n, columns, count);
            for (int c = 0; c < count; c++) {
                double[] one = new double[n];
                for (int i = 0; i < n; i++) {
                    one[i] = b[i * count + c];
                }
                Cholesky.solve(l, n, one);
                for (int i = 0; i < n; i++) {
                    assertEquals(one[i], columns[i * count + c], 0, "column " + c + ", row " + i + ", n = " + n);
                }
            }
        }
    }
}
