package geo.runtime.spline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/**
 * The constraint basis, checked against the constraint rows written out independently here (in
 * power form, the way a reader would write them from the definition), and then numerically on
 * the evaluated paths.
 */
class SplineBasisTest {

    private static final int[] SIZES = {1, 2, 3, 4, 7, 16, 33};

    /**
     * The 3E − 1 constraint rows on the 4E coefficients: start value, end value, then per interior
     * knot C⁰, C¹, C² (each as "left segment at u = 1 minus right segment at u = 0", derivatives in u;
     * equal segment widths make the 1/h, 1/h² factors common).
     */
    static double[][] constraints(int segments) {
        int rows = 4 * segments;
        double[][] a = new double[3 * segments - 1][rows];
        a[0][0] = 1;
        int last = 4 * (segments - 1);
        for (int k = 0; k < 4; k++) {
            a[1][last + k] = 1;
        }
        for (int e = 0; e + 1 < segments; e++) {
            int l = 4 * e;
            int r = 4 * (e + 1);
            double[] c0 = a[2 + 3 * e];
            double[] c1 = a[3 + 3 * e];
            double[] c2 = a[4 + 3 * e];
            // value at u = 1: a + b + c + d; first derivative: b + 2c + 3d; second: 2c + 6d.
            c0[l] = 1; c0[l + 1] = 1; c0[l + 2] = 1; c0[l + 3] = 1; c0[r] = -1;
            c1[l + 1] = 1; c1[l + 2] = 2; c1[l + 3] = 3; c1[r + 1] = -1;
            c2[l + 2] = 2; c2[l + 3] = 6; c2[r + 2] = -2;
        }
        return a;
    }

    @Test
    void everyBasisElementSatisfiesEveryConstraintRow() {
        for (int segments : SIZES) {
            SplineBasis basis = new SplineBasis(segments);
            double[][] a = constraints(segments);
            for (int row = 0; row < a.length; row++) {
                for (int j = 0; j < basis.freeCount(); j++) {
                    double s = 0;
                    for (int r = 0; r < basis.rows(); r++) {
                        s += a[row][r] * basis.nullSpace(r, j);
                    }
                    assertEquals(0, s, 1e-12, "E = " + segments + ", row " + row + ", column " + j);
                }
                double sx = 0;
                double sy = 0;
                for (int r = 0; r < basis.rows(); r++) {
                    sx += a[row][r] * basis.startPart(r);
                    sy += a[row][r] * basis.endPart(r);
                }
                assertEquals(row == 0 ? 1 : 0, sx, 1e-12, "start part, E = " + segments + ", row " + row);
                assertEquals(row == 1 ? 1 : 0, sy, 1e-12, "end part, E = " + segments + ", row " + row);
            }
        }
    }

    @Test
    void theBasisSpansTheWholeNullSpace() {
        for (int segments : SIZES) {
            SplineBasis basis = new SplineBasis(segments);
            double[][] n = new double[basis.rows()][basis.freeCount()];
            for (int r = 0; r < basis.rows(); r++) {
                for (int j = 0; j < basis.freeCount(); j++) {
                    n[r][j] = basis.nullSpace(r, j);
                }
            }
            // rank(A) = 3E − 1 so dim null(A) = E + 1 = the number of columns, and N has full column rank.
            SingularValueDecomposition a = new SingularValueDecomposition(new Array2DRowRealMatrix(constraints(segments)));
            assertEquals(3 * segments - 1, a.getRank(), "E = " + segments);
            assertEquals(basis.rows() - a.getRank(), basis.freeCount());
            double[] sigma = new SingularValueDecomposition(new Array2DRowRealMatrix(n)).getSingularValues();
            assertTrue(sigma[sigma.length - 1] > 1e-3, "E = " + segments + ": smallest singular value " + sigma[sigma.length - 1]);
        }
    }

    @Test
    void secondDerivativeIsContinuousAtTheKnotsNumerically() {
        SplittableRandom random = new SplittableRandom(11);
        int d = 3;
        for (int segments : SIZES) {
            SplinePath path = randomPath(segments, d, random);
            double[] left = new double[d];
            double[] right = new double[d];
            double[] v0 = new double[d];
            double[] vl = new double[d];
            double[] vr = new double[d];
            double delta = 1e-6 / segments;
            for (int k = 1; k < segments; k++) {
                double t = (double) k / segments;
                // Analytic γ'' from the two sides (segment k−1 at u → 1, segment k at u = 0).
                path.acceleration(Math.nextDown(t), left);
                path.acceleration(t, right);
                // One-sided difference quotients of γ', each inside one segment.
                path.velocity(t, v0);
                path.velocity(t - delta, vl);
                path.velocity(t + delta, vr);
                for (int i = 0; i < d; i++) {
                    double scale = 1 + Math.abs(right[i]);
                    assertEquals(left[i], right[i], 1e-10 * scale, "E = " + segments + ", knot " + k);
                    double fdLeft = (v0[i] - vl[i]) / delta;
                    double fdRight = (vr[i] - v0[i]) / delta;
                    assertEquals(fdLeft, fdRight, 1e-4 * scale, "E = " + segments + ", knot " + k + " (differences)");
                    assertEquals(right[i], fdRight, 1e-4 * scale);
                }
                path.position(Math.nextDown(t), left);
                path.position(t, right);
                path.velocity(Math.nextDown(t), vl);
                for (int i = 0; i < d; i++) {
                    assertEquals(left[i], right[i], 1e-12 * (1 + Math.abs(right[i])));
                    assertEquals(vl[i], v0[i], 1e-10 * (1 + Math.abs(v0[i])));
                }
            }
        }
    }

    @Test
    void theNumericalCheckCatchesAWrongSecondDerivativeRow() {
        // A plausible slip, 2cₑ + 6dₑ − cₑ₊₁ = 0 (the factor 2 of γ'' = 2c + 6du dropped on the right):
        // its null space satisfies C⁰ and C¹ but γ'' jumps at the knots, which the check above sees.
        int segments = 4;
        // Padded with zero rows to a square matrix, so the SVD returns all of V, null space included.
        double[][] a = java.util.Arrays.copyOf(constraints(segments), 4 * segments);
        for (int r = 3 * segments - 1; r < a.length; r++) {
            a[r] = new double[4 * segments];
        }
        for (int e = 0; e + 1 < segments; e++) {
            a[4 + 3 * e][4 * (e + 1) + 2] = -1;
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(a));
        double[][] v = svd.getV().getData();
        double[] c = new double[4 * segments];
        SplittableRandom random = new SplittableRandom(1);
        for (int col = svd.getRank(); col < c.length; col++) {
            double w = random.nextGaussian();
            for (int r = 0; r < c.length; r++) {
                c[r] += w * v[r][col];
            }
        }
        double worst = 0;
        for (int e = 0; e + 1 < segments; e++) {
            double left = 2 * c[4 * e + 2] + 6 * c[4 * e + 3];
            double right = 2 * c[4 * (e + 1) + 2];
            double firstLeft = c[4 * e + 1] + 2 * c[4 * e + 2] + 3 * c[4 * e + 3];
            assertEquals(firstLeft, c[4 * (e + 1) + 1], 1e-12);
            worst = Math.max(worst, Math.abs(left - right));
        }
        assertTrue(worst > 1e-3, "jump " + worst);
    }

    @Test
    void theParametersMeanKnotValuesAndEndVelocities() {
        SplittableRandom random = new SplittableRandom(3);
        int d = 2;
        for (int segments : SIZES) {
            SplinePath path = randomPath(segments, d, random);
            double[] z = path.freeParameters();
            double[] p = new double[d];
            path.position(0, p);
            assertArrayEquals(path.start(), p, 1e-13);
            path.position(1, p);
            assertArrayEquals(path.end(), p, 1e-13);
            for (int k = 1; k < segments; k++) {
                path.position((double) k / segments, p);
                assertArrayEquals(slice(z, k - 1, d), p, 1e-12);
            }
            path.velocity(0, p);
            assertArrayEquals(slice(z, segments - 1, d), p, 1e-10);
            path.velocity(1, p);
            assertArrayEquals(slice(z, segments, d), p, 1e-10);
        }
    }

    @Test
    void aGlobalCubicIsReproducedExactly() {
        // γ(t) = 0.3 − 1.2t + 2.5t² − 0.7t³ is C^∞, so the clamped spline through its knot values
        // with its end velocities is γ itself, for every E.
        for (int segments : SIZES) {
            double[] z = new double[segments + 1];
            for (int k = 1; k < segments; k++) {
                z[k - 1] = cubic((double) k / segments);
            }
            z[segments - 1] = -1.2;
            z[segments] = -1.2 + 5.0 - 2.1;
            SplinePath path = new SplinePath(new SplineBasis(segments), z, new double[] {cubic(0)},
                    new double[] {cubic(1)});
            double[] out = new double[1];
            for (int s = 0; s <= 100; s++) {
                double t = s / 100.0;
                path.position(t, out);
                assertEquals(cubic(t), out[0], 1e-13, "E = " + segments + ", t = " + t);
                path.velocity(t, out);
                assertEquals(-1.2 + 5.0 * t - 2.1 * t * t, out[0], 1e-11);
                path.acceleration(t, out);
                assertEquals(5.0 - 4.2 * t, out[0], 1e-9);
            }
        }
    }

    private static double cubic(double t) {
        return 0.3 - 1.2 * t + 2.5 * t * t - 0.7 * t * t * t;
    }

    @Test
    void adjointIsTheTranspose() {
        SplittableRandom random = new SplittableRandom(5);
        int d = 3;
        for (int segments : SIZES) {
            SplineBasis basis = new SplineBasis(segments);
            double[] z = gaussian(random, basis.freeCount() * d);
            double[] x = gaussian(random, d);
            double[] y = gaussian(random, d);
            double[] cBar = gaussian(random, basis.rows() * d);
            double[] c = new double[basis.rows() * d];
            basis.coefficients(z, x, y, c);
            double[] zBar = new double[z.length];
            double[] xBar = new double[d];
            double[] yBar = new double[d];
            basis.adjoint(cBar, zBar, xBar, yBar);
            double lhs = dot(c, cBar);
            double rhs = dot(z, zBar) + dot(x, xBar) + dot(y, yBar);
            assertEquals(lhs, rhs, 1e-11 * (1 + Math.abs(lhs)));
        }
    }

    @Test
    void straightLinesEndShiftsAndRefinement() {
        SplittableRandom random = new SplittableRandom(9);
        double[] x = {0.1, -0.4};
        double[] y = {1.3, 0.2};
        SplinePath line = SplinePath.straight(x, y, 5);
        double[] p = new double[2];
        line.position(0.37, p);
        assertEquals(0.1 + 0.37 * 1.2, p[0], 1e-14);
        line.acceleration(0.9, p);
        assertEquals(0, p[1], 1e-12);
        SplinePath path = randomPath(6, 2, random);
        double[] x2 = {2, 3};
        double[] y2 = {-1, 0.5};
        SplinePath moved = path.withEnds(x2, y2);
        double[] q = new double[2];
        double[] a = path.start();
        double[] b = path.end();
        for (int s = 0; s <= 20; s++) {
            double t = s / 20.0;
            path.position(t, p);
            moved.position(t, q);
            for (int i = 0; i < 2; i++) {
                assertEquals(p[i] + (1 - t) * (x2[i] - a[i]) + t * (y2[i] - b[i]), q[i], 1e-12);
            }
        }
        SplinePath fine = path.resampled(18);
        for (int s = 0; s <= 50; s++) {
            double t = s / 50.0;
            path.position(t, p);
            fine.position(t, q);
            assertArrayEquals(p, q, 1e-12);
        }
        double[][] samples = path.sample(4);
        assertArrayEquals(path.end(), samples[3], 1e-14);
    }

    static SplinePath randomPath(int segments, int d, SplittableRandom random) {
        return new SplinePath(new SplineBasis(segments), gaussian(random, (segments + 1) * d), gaussian(random, d),
                gaussian(random, d));
    }

    static double[] gaussian(SplittableRandom random, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextGaussian();
        }
        return a;
    }

    private static double[] slice(double[] z, int j, int d) {
        double[] out = new double[d];
        System.arraycopy(z, j * d, out, 0, d);
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void assertArrayEquals(double[] expected, double[] actual, double tol) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), "component " + i);
        }
    }
}
