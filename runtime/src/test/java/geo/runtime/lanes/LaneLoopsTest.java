package geo.runtime.lanes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch loops: tanh against {@link Math#tanh} (at most 10 ulp, special values exact), and the
 * matrix loops against the obvious scalar loops in the per-row order (the same bits: unrolling
 * keeps each lane's additions left to right).
 */
class LaneLoopsTest {

    @Test
    void tanhIsWithinTenUlpOfMathTanh() {
        SplittableRandom rnd = new SplittableRandom(1);
        int n = 64;
        double[][] w = new double[3][n];
        double worst = 0;
        for (int i = 0; i < 1_000_000 / n; i++) {
            for (int b = 0; b < n; b++) {
                w[0][b] = b % 2 == 0 ? rnd.nextDouble(-25, 25) : rnd.nextDouble(-1, 1) * Math.pow(10, -rnd.nextInt(12));
            }
            LaneLoops.tanh(w, n, 1, 0);
            for (int b = 0; b < n; b++) {
                double want = Math.tanh(w[0][b]);
                worst = Math.max(worst, Math.abs(w[1][b] - want) / Math.ulp(want));
            }
        }
        assertTrue(worst <= 10, "worst error " + worst + " ulp");
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 22.5, -30, 1e-300,
            -Double.MIN_VALUE, Double.MIN_NORMAL};
        System.arraycopy(special, 0, w[0], 0, special.length);
        LaneLoops.tanh(w, special.length, 1, 0);
        for (int b = 0; b < special.length; b++) {
            assertEquals(Double.doubleToRawLongBits(Math.tanh(special[b])), Double.doubleToRawLongBits(w[1][b]),
                    "tanh(" + special[b] + ")");
        }
    }

    @Test
    void matrixLoopsAddInThePerRowOrder() {
        SplittableRandom rnd = new SplittableRandom(2);
        int n = 7;
        int rows = 5;
        int len = 11;
        double[][] w = new double[40 + n + 1][Math.max(n, len)];
        for (double[] row : w) {
            for (int b = 0; b < row.length; b++) {
                row[b] = rnd.nextDouble(-1, 1);
            }
        }
        double[] theta = new double[rows * len];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rnd.nextDouble(-1, 1);
        }
        // rows r: w[20 + r] = Σ_k θ[r·len + k]·w[k], from the first product
        LaneLoops.dotSL(w, n, 20, 1, true, theta, 0, len, 1, 0, 0, 1, rows, len);
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < n; b++) {
                double s = theta[r * len] * w[0][b];
                for (int k = 1; k < len; k++) {
                    s += theta[r * len + k] * w[k][b];
                }
                assertEquals(s, w[20 + r][b], 0.0, "row " + r + " lane " + b);
            }
        }
        // g[r·len + k] += Σ_b w[20 + r]_b · w[k]_b, lanes in order
        double[] g = new double[rows * len];
        double[] want = new double[rows * len];
        for (int i = 0; i < g.length; i++) {
            g[i] = rnd.nextDouble();
            want[i] = g[i];
        }
        for (int b = 0; b < n; b++) {
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < len; k++) {
                    want[r * len + k] += w[20 + r][b] * w[k][b];
                }
            }
        }
        LaneLoops.outerTo(w, n, g, 0, len, 20, 1, 0, 1, rows, len, 40);
        for (int i = 0; i < g.length; i++) {
            assertEquals(want[i], g[i], 0.0, "g[" + i + "]");
        }
    }
}
