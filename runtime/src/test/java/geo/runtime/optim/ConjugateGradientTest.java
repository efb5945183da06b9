package geo.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.linalg.Dense;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConjugateGradientTest {

    /** A random symmetric n×n matrix QΛQᵀ-like: BᵀB + shift·I (shift may make it indefinite). */
    static double[][] symmetric(int n, double shift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] b = new double[n][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += b[k][i] * b[k][j];
                }
                a[i][j] = s + (i == j ? shift : 0);
            }
        }
        return a;
    }

    static double[] direct(double[][] a, double[] b) {
        int n = b.length;
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, flat, i * n, n);
        }
        double[] x = b.clone();
        assertTrue(Dense.solve(flat, x, n));
        return x;
    }

    static double[][] times(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    @Test
    void plainCgSolvesAnSpdSystemToTheDirectSolution() {
        double[][] a = symmetric(8, 0.5, 1);
        double[] b = new SplittableRandom(2).doubles(8, -1, 1).toArray();
        double[] x = new double[8];
        ConjugateGradient.Result r = new ConjugateGradient(ConjugateGradient.Settings.DEFAULTS)
                .solve(LinearOperator.dense(a), b, x);
        assertEquals(ConjugateGradient.Status.CONVERGED, r.status(), r.message());
        double[] want = direct(a, b);
        for (int i = 0; i < 8; i++) {
            assertEquals(want[i], x[i], 1e-9 * (1 + Math.abs(want[i])));
        }
        // The reported residual is the true one (to rounding).
        double[] ax = new double[8];
        LinearOperator.dense(a).apply(x, ax);
        double res = 0;
        for (int i = 0; i < 8; i++) {
            res += (b[i] - ax[i]) * (b[i] - ax[i]);
        }
        assertEquals(Math.sqrt(res), r.residual(), 1e-12);
        assertTrue(r.relative() <= 1e-10);
    }

    @Test
    void plainCgReportsAnIndefiniteOperator() {
        double[][] a = {{1, 0}, {0, -1}};
        double[] x = new double[2];
        ConjugateGradient.Result r = new ConjugateGradient(ConjugateGradient.Settings.DEFAULTS)
                .solve(LinearOperator.dense(a), new double[] {1, 1}, x);
        assertEquals(ConjugateGradient.Status.INDEFINITE, r.status());
        assertTrue(r.message().contains("not positive definite"), r.message());
    }

    /** (H² + λI) x = H b for an indefinite symmetric H, against the dense solve of the same system. */
    @Test
    void normalEquationsWithRidgeSolveIndefiniteSystems() {
        double[][] h = symmetric(6, -1.0, 5);
        double lambda = 1e-3;
        double[] b = new SplittableRandom(6).doubles(6, -1, 1).toArray();
        double[][] hh = times(h, h);
        for (int i = 0; i < 6; i++) {
            hh[i][i] += lambda;
        }
        double[] hb = new double[6];
        LinearOperator.dense(h).apply(b, hb);
        double[] want = direct(hh, hb);
        double[] x = new double[6];
        ConjugateGradient.Settings s = ConjugateGradient.Settings.DEFAULTS.withForm(ConjugateGradient.Form.NORMAL)
                .withRidge(lambda).withTolerance(1e-12);
        ConjugateGradient.Result r = new ConjugateGradient(s).solve(LinearOperator.dense(h), b, x);
        assertEquals(ConjugateGradient.Status.CONVERGED, r.status(), r.message());
        for (int i = 0; i < 6; i++) {
            assertEquals(want[i], x[i], 1e-8 * (1 + Math.abs(want[i])));
        }
    }

    @Test
    void theIterationLimitIsAStatusWithTheResidual() {
        double[][] a = symmetric(10, 0.1, 9);
        double[] x = new double[10];
        ConjugateGradient.Result r = new ConjugateGradient(ConjugateGradient.Settings.DEFAULTS.withMaxIterations(2))
                .solve(LinearOperator.dense(a), new SplittableRandom(1).doubles(10).toArray(), x);
        assertEquals(ConjugateGradient.Status.MAX_ITERATIONS, r.status());
        assertEquals(2, r.iterations());
        assertTrue(r.relative() > 1e-10 && Double.isFinite(r.residual()));
    }
}
