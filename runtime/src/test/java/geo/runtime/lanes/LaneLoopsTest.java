package geo.runtime.lanes;

import geo.runtime.api.Tanh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch loops: tanh against {@link Tanh#tanh(double)} bit for bit (its accuracy is TanhTest's), the
 * matrix loops against the obvious scalar loops in the per-row order (the same bits: unrolling
 * keeps each lane's additions left to right), and the Vector API versions ({@link LaneVectors},
 * register-blocked) against the scalar ones bit for bit, over shapes that reach every tile and
 * tail (these tests run with the incubator module, as the build's surefire configuration loads it).
 */
class LaneLoopsTest {

    @Test
    void tanhGivesTheScalarTanhBits() {
        SplittableRandom rnd = new SplittableRandom(1);
        int n = 64;
        double[][] w = new double[3][n];
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 19.1, 22.5, -30,
            -Double.MIN_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MAX_VALUE, Tanh.SMALL, -Tanh.SMALL};
        for (int i = 0; i < 100_000 / n; i++) {
            for (int b = 0; b < n; b++) {
                double sign = b % 4 < 2 ? 1 : -1;
                w[0][b] = i == 0 && b < special.length ? special[b]
                        : i % 50 == 0 ? sign * Math.scalb(rnd.nextDouble(1, 2), -rnd.nextInt(1080))
                        : b % 2 == 0 ? rnd.nextDouble(-25, 25) : sign * rnd.nextDouble() * Math.pow(10, -rnd.nextInt(12));
            }
            for (boolean vector : new boolean[] {false, true}) {
                if (vector) {
                    LaneVectors.tanh(w, n, 1, 0);
                } else {
                    LaneLoops.tanhScalar(w, 0, n, 1, 0);
                }
                for (int b = 0; b < n; b++) {
                    assertEquals(Double.doubleToRawLongBits(Tanh.tanh(w[0][b])), Double.doubleToRawLongBits(w[1][b]),
                            (vector ? "vector" : "loops") + " tanh(" + w[0][b] + ")");
                }
            }
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

    private static double[][] randomWork(SplittableRandom rnd, int slots, int length) {
        double[][] w = new double[slots][length];
        for (double[] row : w) {
            for (int b = 0; b < row.length; b++) {
                row[b] = rnd.nextDouble(-1, 1);
            }
        }
        return w;
    }

    private static double[][] copy(double[][] w) {
        double[][] c = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            c[i] = w[i].clone();
        }
        return c;
    }

    private static void assertSameBits(double[][] want, double[][] got, String what) {
        for (int i = 0; i < want.length; i++) {
            for (int b = 0; b < want[i].length; b++) {
                assertEquals(Double.doubleToRawLongBits(want[i][b]), Double.doubleToRawLongBits(got[i][b]),
                        what + ": w[" + i + "][" + b + "] " + want[i][b] + " vs " + got[i][b]);
            }
        }
    }

    @Test
    void vectorProductsGiveTheScalarBits() {
        assertTrue(LaneSupport.available(), "the tests run with jdk.incubator.vector");
        assertTrue(LaneLoops.VECTOR, "LaneLoops takes the vector versions");
        SplittableRandom rnd = new SplittableRandom(3);
        // Lanes: scalar only, one vector and a tail, 4·8 lanes (one full tile with AVX-512) and tails.
        int[] lanes = {5, 13, 37, 67};
        int[][] shapes = {{1, 9}, {3, 2}, {4, 1}, {9, 7}, {64, 64}};
        for (int n : lanes) {
            for (int[] shape : shapes) {
                if (shape[0] == 64 && n != 67) {
                    continue;   // the network's layer once
                }
                int rows = shape[0];
                int len = shape[1];
                double[] theta = new double[rows * len + 3];
                for (int i = 0; i < theta.length; i++) {
                    theta[i] = rnd.nextDouble(-1, 1);
                }
                for (int variant = 0; variant < 4; variant++) {
                    boolean init = variant % 2 == 0;
                    // W·x (row-major θ, one shared input block) or Wᵀ·x (columns of θ); variant 3:
                    // one θ vector against a different input block per row (sRow ≠ 0).
                    int tRow = variant < 2 ? len : variant == 2 ? 1 : 0;
                    int ts = variant < 2 ? 1 : variant == 2 ? rows : 1;
                    int sRow = variant == 3 ? len : 0;
                    int d = rows * len + len;
                    double[][] w = randomWork(rnd, d + rows + 1, n);
                    double[][] v = copy(w);
                    LaneVectors.dotSL(v, n, d, 1, init, theta, 3, tRow, ts, 0, sRow, 1, rows, len);
                    LaneLoops.dotSLScalar(w, 0, n, d, 1, init, theta, 3, tRow, ts, 0, sRow, 1, rows, len);
                    assertSameBits(w, v, "dotSL n " + n + " rows " + rows + " len " + len + " variant " + variant);
                }
            }
        }
    }

    @Test
    void vectorOuterProductSumsGiveTheScalarBits() {
        SplittableRandom rnd = new SplittableRandom(4);
        int[] lanes = {3, 13, 64};
        int[][] shapes = {{1, 37}, {3, 5}, {5, 17}, {9, 67}, {64, 64}};
        for (int n : lanes) {
            for (int[] shape : shapes) {
                if (shape[0] == 64 && n != 64) {
                    continue;
                }
                int rows = shape[0];
                int len = shape[1];
                for (int gRow : new int[] {len, len + 3, 0}) {
                    int tmp = rows + len;
                    double[][] w = randomWork(rnd, tmp + n + 1, Math.max(n, len));
                    double[] g = new double[rows * (len + 3) + len];
                    for (int i = 0; i < g.length; i++) {
                        g[i] = rnd.nextDouble(-1, 1);
                    }
                    double[][] v = copy(w);
                    double[] h = g.clone();
                    LaneVectors.outerTo(v, n, h, 2, gRow, len, 1, 0, 1, rows, len, tmp);
                    LaneLoops.outerToScalar(w, n, g, 2, gRow, len, 1, 0, 1, rows, len, tmp);
                    for (int i = 0; i < g.length; i++) {
                        assertEquals(Double.doubleToRawLongBits(g[i]), Double.doubleToRawLongBits(h[i]),
                                "outerTo n " + n + " rows " + rows + " len " + len + " gRow " + gRow + " g[" + i + "]");
                    }
                }
            }
        }
    }

    @Test
    void vectorTanhGivesTheScalarBits() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 22.0, 19.1, -30,
            1e-300, -Double.MIN_VALUE, Double.MIN_NORMAL, 0.625, -19.05, 19.2, Double.MAX_VALUE};
        for (int n : new int[] {1, 13, 64}) {
            for (int rep = 0; rep < 50; rep++) {
                double[][] w = new double[3][n];
                for (int b = 0; b < n; b++) {
                    w[0][b] = rep == 0 ? special[b % special.length]
                            : b % 2 == 0 ? rnd.nextDouble(-25, 25) : rnd.nextDouble(-1, 1) * Math.pow(10, -rnd.nextInt(12));
                }
                double[][] v = copy(w);
                LaneVectors.tanh(v, n, 1, 0);
                LaneLoops.tanhScalar(w, 0, n, 1, 0);
                assertSameBits(new double[][] {w[1]}, new double[][] {v[1]}, "tanh n " + n);
                LaneVectors.tanh(v, n, 0, 0);
                assertSameBits(new double[][] {w[1]}, new double[][] {v[0]}, "tanh in place, n " + n);
            }
        }
    }

    @Test
    void groupedLaneSumsAreSeparateSums() {
        SplittableRandom rnd = new SplittableRandom(6);
        for (int n : new int[] {1, 7, 64}) {
            double[][] w = randomWork(rnd, 9, n);
            double[] g = new double[12];
            for (int i = 0; i < g.length; i++) {
                g[i] = rnd.nextDouble(-4, 4);
            }
            double[] want = g.clone();
            int[] e = {4, 0, 2, 1, 11, 7, 9, 5};
            int[] a = {0, 3, 3, 1, 8, 2, 6, 5};
            for (int i = 0; i < 8; i++) {
                LaneLoops.sumTo(w, n, want, e[i], a[i]);
            }
            LaneLoops.sum8To(w, n, g, e[0], a[0], e[1], a[1], e[2], a[2], e[3], a[3], e[4], a[4], e[5], a[5], e[6],
                    a[6], e[7], a[7]);
            for (int i = 0; i < g.length; i++) {
                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(g[i]), "g[" + i + "]");
            }
        }
    }
}
