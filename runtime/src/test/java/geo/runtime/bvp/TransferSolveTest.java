package geo.runtime.bvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import geo.runtime.linalg.Dense;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The conjugate-point check's step transfer solved at one factorisation
 * ({@link ConjugatePoints#solveTransposed}, issue 23) against one {@link Dense#solve} per row, as
 * before: the same bits, and the same refusal of a singular matrix.
 */
class TransferSolveTest {

    @Test
    void allRowsAtOneFactorisationGiveTheBitsOfOneSolvePerRow() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 1; n <= 12; n++) {
            for (int trial = 0; trial < 5; trial++) {
                double[] a = new double[n * n];
                double[] b = new double[n * n];
                for (int i = 0; i < n * n; i++) {
                    // Entries of mixed magnitude, so that the pivoting swaps rows.
                    a[i] = random.nextGaussian() * Math.pow(10, random.nextInt(-3, 4));
                    b[i] = random.nextGaussian();
                }
                double[] expected = new double[n * n];
                for (int row = 0; row < n; row++) {
                    double[] lhs = a.clone();
                    double[] rhs = new double[n];
                    System.arraycopy(b, row * n, rhs, 0, n);
                    assertEquals(true, Dense.solve(lhs, rhs, n));
                    System.arraycopy(rhs, 0, expected, row * n, n);
                }
                double[] factor = a.clone();
                double[] actual = new double[n * n];
                assertEquals(true, ConjugatePoints.solveTransposed(factor, b, actual, n));
                assertArrayEquals(expected, actual, 0, "n = " + n);
            }
        }
    }

    @Test
    void aSingularMatrixIsRefusedAsBefore() {
        // The second row is twice the first.
        double[] a = {1, 2, 3, 2, 4, 6, 0, 1, 5};
        double[] b = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        assertFalse(Dense.solve(a.clone(), new double[] {1, 0, 0}, 3));
        assertFalse(ConjugatePoints.solveTransposed(a.clone(), b, new double[9], 3));
    }
}
