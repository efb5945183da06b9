package geo.runtime.lanes;

import geo.runtime.api.Tanh;

/**
 * The loops of batch loss-gradient kernels ({@link geo.runtime.api.BatchLossKernels}): counted
 * loops over the n lanes (rows) of a batch in structure-of-arrays layout — value s of lane b at
 * {@code w[s][b]}, a row ("slot") s per scalar of the per-row kernel — one array per slot, so that
 * every loop reads and writes arrays at offset b (C2 does not vectorise loops over one array at
 * several invariant offsets: measured 6 GFLOP/s against 19 as rows). Generated code calls these
 * with constant slots; θ is shared by the lanes. Every element-wise method performs, per lane, the
 * per-row kernel's operation (sums and products of two operands, running values left to right),
 * so a lane gets the bits of the per-row kernel ({@link #tanh} too: it is {@link Tanh}, the
 * tanh the per-row kernels call, in vectorisable loops). The products with a parameter matrix add
 * each lane's products in the per-row order, and each θ-gradient element adds its lanes in lane
 * order, as the per-row path adds its rows.
 *
 * <p>Two implementations, the same bits: the heaviest loops — {@link #dotSL}, {@link #outerTo},
 * {@link #tanh} — run register-blocked on {@code jdk.incubator.vector.DoubleVector}s
 * ({@link LaneVectors}) when the module is loaded ({@link LaneSupport#available()}, checked once;
 * {@code ./geo fit} loads it), else as plain loops that HotSpot's C2 vectorises by itself (axpy
 * over the lanes, k unrolled by four). Both perform the same IEEE 754 operations in the same order
 * per element (no fused multiply–add), so a fit does not depend on whether the module is there
 * ({@code LaneLoopsTest} compares them bit for bit). The system property
 * {@code geo.lanes.scalar=true} forces the plain loops in a JVM that has the module (for
 * benchmarks).
 */
public final class LaneLoops {

    /**
     * Whether {@link #dotSL}, {@link #outerTo} and {@link #tanh} run their {@link LaneVectors}
     * versions (the incubator module is loaded and {@code geo.lanes.scalar} is not set; the same
     * bits either way).
     */
    static final boolean VECTOR = LaneSupport.available() && !Boolean.getBoolean("geo.lanes.scalar");

    /** Whether this JVM runs the register-blocked {@code DoubleVector} loops (see the class comment). */
    public static boolean vectorised() {
        return VECTOR;
    }

    private LaneLoops() {
    }

    /** w[d] = c in every lane. */
    public static void fill(double[][] w, int n, int d, double c) {
        double[] y = w[d];
        for (int b = 0; b < n; b++) {
            y[b] = c;
        }
    }

    /** w[d] = w[a]. */
    public static void copy(double[][] w, int n, int d, int a) {
        System.arraycopy(w[a], 0, w[d], 0, n);
    }

    /** w[d] = w[a] + w[c] (d may be a). */
    public static void addLL(double[][] w, int n, int d, int a, int c) {
        double[] y = w[d];
        double[] x = w[a];
        double[] z = w[c];
        for (int b = 0; b < n; b++) {
            y[b] = x[b] + z[b];
        }
    }

    /** w[d] = w[a] + c. */
    public static void addLS(double[][] w, int n, int d, int a, double c) {
        double[] y = w[d];
        double[] x = w[a];
        for (int b = 0; b < n; b++) {
            y[b] = x[b] + c;
        }
    }

    /** w[d] = w[a] · w[c]. */
    public static void mulLL(double[][] w, int n, int d, int a, int c) {
        double[] y = w[d];
        double[] x = w[a];
        double[] z = w[c];
        for (int b = 0; b < n; b++) {
            y[b] = x[b] * z[b];
        }
    }

    /** w[d] = w[a] · c. */
    public static void mulLS(double[][] w, int n, int d, int a, double c) {
        double[] y = w[d];
        double[] x = w[a];
        for (int b = 0; b < n; b++) {
            y[b] = x[b] * c;
        }
    }

    /** w[d] = w[a]^k by the multiplications of the per-row kernel (|k| ≤ 4), else {@link Math#pow}. */
    public static void powi(double[][] w, int n, int d, int a, int k) {
        double[] y = w[d];
        double[] x = w[a];
        switch (k) {
            case 2 -> {
                for (int b = 0; b < n; b++) {
                    y[b] = x[b] * x[b];
                }
            }
            case 3 -> {
                for (int b = 0; b < n; b++) {
                    y[b] = x[b] * x[b] * x[b];
                }
            }
            case 4 -> {
                for (int b = 0; b < n; b++) {
                    double s = x[b] * x[b];
                    y[b] = s * s;
                }
            }
            case -1 -> {
                for (int b = 0; b < n; b++) {
                    y[b] = 1.0 / x[b];
                }
            }
            case -2 -> {
                for (int b = 0; b < n; b++) {
                    y[b] = 1.0 / (x[b] * x[b]);
                }
            }
            case -3 -> {
                for (int b = 0; b < n; b++) {
                    y[b] = 1.0 / (x[b] * x[b] * x[b]);
                }
            }
            case -4 -> {
                for (int b = 0; b < n; b++) {
                    double s = x[b] * x[b];
                    y[b] = 1.0 / (s * s);
                }
            }
            default -> {
                for (int b = 0; b < n; b++) {
                    y[b] = Math.pow(x[b], k);
                }
            }
        }
    }

    /**
     * Rows r &lt; rows of a product with a parameter matrix: w[d + dRow·r] (=, when {@code init},
     * else +=) Σₖ θ[t0 + tRow·r + ts·k] · w[s0 + sRow·r + ss·k], k = 0 … len − 1, each lane's sum
     * from its first product, left to right. The inner loop is over the lanes (axpy), k unrolled by
     * four: ((((y + a₀x₀) + a₁x₁) + a₂x₂) + a₃x₃) is the same order.
     */
    public static void dotSL(double[][] w, int n, int d, int dRow, boolean init, double[] theta, int t0, int tRow,
                             int ts, int s0, int sRow, int ss, int rows, int len) {
        if (VECTOR) {
            LaneVectors.dotSL(w, n, d, dRow, init, theta, t0, tRow, ts, s0, sRow, ss, rows, len);
        } else {
            dotSLScalar(w, 0, n, d, dRow, init, theta, t0, tRow, ts, s0, sRow, ss, rows, len);
        }
    }

    /** {@link #dotSL} without the Vector API, lanes b0 … n − 1 only. */
    static void dotSLScalar(double[][] w, int b0, int n, int d, int dRow, boolean init, double[] theta, int t0,
                            int tRow, int ts, int s0, int sRow, int ss, int rows, int len) {
        for (int r = 0; r < rows; r++) {
            double[] y = w[d + dRow * r];
            int t = t0 + tRow * r;
            int s = s0 + sRow * r;
            int k = 0;
            if (init) {
                double a = theta[t];
                double[] x = w[s];
                for (int b = b0; b < n; b++) {
                    y[b] = a * x[b];
                }
                k = 1;
            }
            for (; k + 3 < len; k += 4) {
                double a0 = theta[t + ts * k];
                double a1 = theta[t + ts * (k + 1)];
                double a2 = theta[t + ts * (k + 2)];
                double a3 = theta[t + ts * (k + 3)];
                double[] x0 = w[s + ss * k];
                double[] x1 = w[s + ss * (k + 1)];
                double[] x2 = w[s + ss * (k + 2)];
                double[] x3 = w[s + ss * (k + 3)];
                for (int b = b0; b < n; b++) {
                    y[b] = y[b] + a0 * x0[b] + a1 * x1[b] + a2 * x2[b] + a3 * x3[b];
                }
            }
            for (; k < len; k++) {
                double a = theta[t + ts * k];
                double[] x = w[s + ss * k];
                for (int b = b0; b < n; b++) {
                    y[b] += a * x[b];
                }
            }
        }
    }

    /** w[d] (=, when init, else +=) Σₖ w[a0 + as·k] · w[c0 + cs·k], each lane left to right. */
    public static void dotLL(double[][] w, int n, int d, boolean init, int a0, int as, int c0, int cs, int len) {
        double[] y = w[d];
        for (int k = 0; k < len; k++) {
            double[] x = w[a0 + as * k];
            double[] z = w[c0 + cs * k];
            if (k == 0 && init) {
                for (int b = 0; b < n; b++) {
                    y[b] = x[b] * z[b];
                }
            } else {
                for (int b = 0; b < n; b++) {
                    y[b] += x[b] * z[b];
                }
            }
        }
    }

    /** w[d] (=, when init, else +=) Σₖ θ[a0 + as·k] · θ[c0 + cs·k], each product added in order. */
    public static void dotSS(double[][] w, int n, int d, boolean init, double[] theta, int a0, int as, int c0, int cs,
                             int len) {
        double[] y = w[d];
        for (int k = 0; k < len; k++) {
            double p = theta[a0 + as * k] * theta[c0 + cs * k];
            if (k == 0 && init) {
                for (int b = 0; b < n; b++) {
                    y[b] = p;
                }
            } else {
                for (int b = 0; b < n; b++) {
                    y[b] += p;
                }
            }
        }
    }

    /**
     * The batch sum of an outer product into the gradient: g[g0 + gRow·r + k] += Σ_b w[f0 + fRow·r]_b ·
     * w[v0 + vs·k]_b for r &lt; rows, k &lt; len, each element adding its lanes' products in lane
     * order (as summing the per-row gradients row by row does). The vectors are first transposed
     * into the scratch rows w[tmp + b] (length ≥ len), so that the inner loop runs over k (axpy),
     * b unrolled by four; each gradient row goes through the scratch row w[tmp + n].
     */
    public static void outerTo(double[][] w, int n, double[] g, int g0, int gRow, int f0, int fRow, int v0, int vs,
                               int rows, int len, int tmp) {
        if (VECTOR) {
            LaneVectors.outerTo(w, n, g, g0, gRow, f0, fRow, v0, vs, rows, len, tmp);
        } else {
            outerToScalar(w, n, g, g0, gRow, f0, fRow, v0, vs, rows, len, tmp);
        }
    }

    /** The transposed vectors of {@link #outerTo}: w[tmp + b][k] = w[v0 + vs·k]_b. */
    static void transpose(double[][] w, int n, int v0, int vs, int len, int tmp) {
        for (int k = 0; k < len; k++) {
            double[] x = w[v0 + vs * k];
            for (int b = 0; b < n; b++) {
                w[tmp + b][k] = x[b];
            }
        }
    }

    /** {@link #outerTo} without the Vector API. */
    static void outerToScalar(double[][] w, int n, double[] g, int g0, int gRow, int f0, int fRow, int v0, int vs,
                              int rows, int len, int tmp) {
        transpose(w, n, v0, vs, len, tmp);
        double[] y = w[tmp + n];
        for (int r = 0; r < rows; r++) {
            int gi = g0 + gRow * r;
            double[] f = w[f0 + fRow * r];
            System.arraycopy(g, gi, y, 0, len);
            int b = 0;
            for (; b + 3 < n; b += 4) {
                double c0 = f[b];
                double c1 = f[b + 1];
                double c2 = f[b + 2];
                double c3 = f[b + 3];
                double[] x0 = w[tmp + b];
                double[] x1 = w[tmp + b + 1];
                double[] x2 = w[tmp + b + 2];
                double[] x3 = w[tmp + b + 3];
                for (int k = 0; k < len; k++) {
                    y[k] = y[k] + c0 * x0[k] + c1 * x1[k] + c2 * x2[k] + c3 * x3[k];
                }
            }
            for (; b < n; b++) {
                double c = f[b];
                double[] x = w[tmp + b];
                for (int k = 0; k < len; k++) {
                    y[k] += c * x[k];
                }
            }
            System.arraycopy(y, 0, g, gi, len);
        }
    }

    /** g[e] += w[a]_b for b = 0 … n − 1, in lane order. */
    public static void sumTo(double[][] w, int n, double[] g, int e, int a) {
        double[] x = w[a];
        double s = g[e];
        for (int b = 0; b < n; b++) {
            s += x[b];
        }
        g[e] = s;
    }

    /**
     * Eight {@link #sumTo}s at once: g[eᵢ] += Σ_b w[aᵢ]_b, each in lane order (the same bits as
     * eight calls), interleaved so that the eight chains of dependent additions overlap (one chain
     * alone is bound by the latency of an addition).
     */
    public static void sum8To(double[][] w, int n, double[] g, int e0, int a0, int e1, int a1, int e2, int a2, int e3,
                              int a3, int e4, int a4, int e5, int a5, int e6, int a6, int e7, int a7) {
        double[] x0 = w[a0];
        double[] x1 = w[a1];
        double[] x2 = w[a2];
        double[] x3 = w[a3];
        double[] x4 = w[a4];
        double[] x5 = w[a5];
        double[] x6 = w[a6];
        double[] x7 = w[a7];
        double s0 = g[e0];
        double s1 = g[e1];
        double s2 = g[e2];
        double s3 = g[e3];
        double s4 = g[e4];
        double s5 = g[e5];
        double s6 = g[e6];
        double s7 = g[e7];
        for (int b = 0; b < n; b++) {
            s0 += x0[b];
            s1 += x1[b];
            s2 += x2[b];
            s3 += x3[b];
            s4 += x4[b];
            s5 += x5[b];
            s6 += x6[b];
            s7 += x7[b];
        }
        g[e0] = s0;
        g[e1] = s1;
        g[e2] = s2;
        g[e3] = s3;
        g[e4] = s4;
        g[e5] = s5;
        g[e6] = s6;
        g[e7] = s7;
    }

    /** g[e] += c, n times (as n rows adding the same value). */
    public static void addTimes(double[] g, int e, double c, int n) {
        double s = g[e];
        for (int b = 0; b < n; b++) {
            s += c;
        }
        g[e] = s;
    }

    /** Σ_b w[a]_b from 0, in lane order. */
    public static double sum(double[][] w, int n, int a) {
        double[] x = w[a];
        double s = 0;
        for (int b = 0; b < n; b++) {
            s += x[b];
        }
        return s;
    }

    /** The second scratch row of the plain-loop {@link #tanh} (w's last row is the first), per thread. */
    private static final ThreadLocal<double[][]> TANH_SCRATCH = ThreadLocal.withInitial(() -> new double[1][0]);

    /**
     * w[d] = tanh(w[a]) in every lane, bit for bit {@link Tanh#tanh(double)} (the system's one
     * tanh, which the per-row kernels and the interpreter call), with the Vector API when the
     * module is loaded, else in the short loops of {@link Tanh#tanh(double[], double[], double[],
     * double[], int, int)} that C2 vectorises (w's last row and a per-thread row as scratch; d may
     * be a).
     */
    public static void tanh(double[][] w, int n, int d, int a) {
        if (VECTOR) {
            LaneVectors.tanh(w, n, d, a);
        } else {
            tanhScalar(w, 0, n, d, a);
        }
    }

    /** {@link #tanh} without the Vector API, lanes b0 … n − 1 only. */
    static void tanhScalar(double[][] w, int b0, int n, int d, int a) {
        double[][] holder = TANH_SCRATCH.get();
        if (holder[0].length < n) {
            holder[0] = new double[Math.max(n, 64)];
        }
        Tanh.tanh(w[a], w[d], w[w.length - 1], holder[0], b0, n);
    }
}
