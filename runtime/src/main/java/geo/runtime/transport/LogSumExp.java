package geo.runtime.transport;

/**
 * The inner loop of log-domain Sinkhorn: column-wise log-sum-exp of a row-major matrix, streamed
 * row by row so that every loop runs over contiguous memory and elementwise (no reduction inside
 * a loop), which lets the JIT compile it to SIMD instructions.
 *
 * <p>For columns j of a p × q matrix M, weights h (one per row) and 1/ε:
 * <pre>
 *   out_j = log Σ_i exp(t_ij),   t_ij = h_i − M_ij / ε,
 * </pre>
 * computed as μ_j + log Σ_i exp(t_ij − μ_j) for a shift μ_j, so that no exponential overflows
 * or underflows (Peyré &amp; Cuturi, <i>Computational Optimal Transport</i>, §4.4). The shift is
 * first the caller's guess — in Sinkhorn the previous value of the same log-sum-exp, −(old
 * potential)/ε, which near convergence makes every exponent log(π_ij / a_i) ≤ 0 and the sum about
 * 1 — and the sum is accepted only if it lies in [e^{−10}, e^{60}]: then no exponent exceeds 60
 * (where {@link #exp} is accurate) and the terms below e^{−64}, which {@link #exp} rounds up to
 * e^{−64}, change the sum by less than p·10⁻²³ relative. A column whose sum falls outside is
 * recomputed with the exact shift μ_j = max_i t_ij (one pass for the maxima, one for the sum).
 * One pass instead of two when the guess holds, which it does after the first few iterations.
 *
 * <p>Rows with h_i = −∞ (zero weights) are skipped, so they contribute exactly 0. Each column's
 * result depends only on its own entries in row order and its own guess (a column is recomputed
 * because its own sum failed the test, whatever its neighbours did), never on how columns are
 * split into blocks or threads.
 */
final class LogSumExp {

    /** The accepted range of a sum with the guessed shift. */
    private static final double LOW = Math.exp(-10);
    private static final double HIGH = Math.exp(60);

    /** Below this, {@link #exp} returns e^{LOWEST} instead of e^x. */
    static final double LOWEST = -64;

    /** Per-worker arrays (length ≥ the largest q); {@code c} receives rows of C computed on the fly. */
    record Scratch(double[] t, double[] max, double[] sum, double[] c) {
        Scratch(int length) {
            this(new double[length], new double[length], new double[length], new double[length]);
        }
    }

    private LogSumExp() {
    }

    /**
     * Columns per block for q columns and T threads: ⌈q/T⌉ rounded up to a multiple of 8, at least
     * 64. Long rows matter: with blocks of 256 an update took 4.4 ns per entry, with whole rows of
     * 1,000 about 3 (the vector loops' set-up is paid per row and block). The results do not
     * depend on the blocks.
     */
    static int block(int q, int threads) {
        int b = (q + threads - 1) / threads;
        return Math.max(64, (b + 7) & ~7);
    }

    /**
     * out_j = log Σ_{i : h_i &gt; −∞} exp(h_i − M_ij·inv) for j in [j0, j1). At least one h_i
     * must be finite.
     *
     * @param mat   the p × q matrix M
     * @param shift the guessed shifts μ_j (only [j0, j1) is read)
     * @param sum   the sums with the guessed shifts (only [j0, j1) is written)
     * @param out   the result, length ≥ j1 (only [j0, j1) is written); may be {@code shift}
     * @param w     the worker's scratch
     */
    static void columns(CostRows mat, double[] h, double inv, int j0, int j1, double[] shift,
                        double[] sum, double[] out, Scratch w) {
        double[] t = w.t();
        sumShifted(mat, h, inv, j0, j1, shift, sum, t, w.c());
        boolean exact = false;
        for (int j = j0; j < j1; j++) {
            exact |= !(sum[j] >= LOW && sum[j] <= HIGH);
        }
        if (exact) {
            exactColumns(mat, h, inv, j0, j1, w.max(), w.sum(), t, w.c());
        }
        for (int j = j0; j < j1; j++) {
            out[j] = sum[j] >= LOW && sum[j] <= HIGH ? shift[j] + Math.log(sum[j]) : w.max()[j] + Math.log(w.sum()[j]);
        }
    }

    /**
     * out_i = log Σ_j exp(h_j − M_ij·inv) for rows i in [i0, i1), reading each row of M
     * contiguously: the same guessed shift and exact fallback as {@link #columns}, per row, with
     * the exponentials summed in a fixed order (four interleaved partial sums, then
     * (s₀ + s₁) + (s₂ + s₃)). Every h_j must be finite (zero weights would enter as e^{−64}, not
     * 0; the caller then uses {@link #columns} on the transpose).
     *
     * @param shift the guessed shifts μ_i (only [i0, i1) is read)
     * @param out   the result (only [i0, i1) is written); may be {@code shift}
     */
    static void rows(CostRows mat, double[] h, double inv, int i0, int i1, double[] shift, double[] out,
                     Scratch w) {
        double[] t = w.t();
        int q = mat.cols();
        for (int i = i0; i < i1; i++) {
            double[] c = mat.row(i, 0, q, w.c());
            int row = mat.offset(i);
            double mu = shift[i];
            for (int j = 0; j < q; j++) {
                t[j] = Math.fma(-c[row + j], inv, h[j]) - mu;
            }
            double s = sumExp(t, q);
            if (!(s >= LOW && s <= HIGH)) {
                mu = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < q; j++) {
                    mu = Math.max(mu, Math.fma(-c[row + j], inv, h[j]));
                }
                for (int j = 0; j < q; j++) {
                    t[j] = Math.fma(-c[row + j], inv, h[j]) - mu;
                }
                s = sumExp(t, q);
            }
            out[i] = mu + Math.log(s);
        }
    }

    /** Σ_j exp(t_j) over t[0, q), in place: one vectorised loop of exponentials, then the sum. */
    private static double sumExp(double[] t, int q) {
        for (int j = 0; j < q; j++) {
            t[j] = exp(t[j]);
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < q; j += 4) {
            s0 += t[j];
            s1 += t[j + 1];
            s2 += t[j + 2];
            s3 += t[j + 3];
        }
        for (; j < q; j++) {
            s0 += t[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The same with the exact shifts, into max and sum: out_j = max_j + log sum_j. */
    private static void exactColumns(CostRows mat, double[] h, double inv, int j0, int j1,
                                     double[] max, double[] sum, double[] t, double[] scratch) {
        int p = mat.rows();
        for (int j = j0; j < j1; j++) {
            max[j] = Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < p; i++) {
            double hi = h[i];
            if (hi == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double[] c = mat.row(i, j0, j1, scratch);
            int row = mat.offset(i);
            for (int j = j0; j < j1; j++) {
                max[j] = Math.max(max[j], Math.fma(-c[row + j], inv, hi));
            }
        }
        sumShifted(mat, h, inv, j0, j1, max, sum, t, scratch);
    }

    /** sum_j = Σ_{i : h_i &gt; −∞} exp(h_i − M_ij·inv − μ_j) for j in [j0, j1), rows in order. */
    private static void sumShifted(CostRows mat, double[] h, double inv, int j0, int j1,
                                   double[] shift, double[] sum, double[] t, double[] scratch) {
        int p = mat.rows();
        for (int j = j0; j < j1; j++) {
            sum[j] = 0;
        }
        for (int i = 0; i < p; i++) {
            double hi = h[i];
            if (hi == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double[] c = mat.row(i, j0, j1, scratch);
            int row = mat.offset(i);
            // two loops, not one: HotSpot's C2 (JDK 17) vectorises the exponential over one input
            // array but not when its argument reads two arrays (measured: 2.5 against 8 ns per
            // entry); every array is indexed by j alike, which C2 also needs
            for (int j = j0; j < j1; j++) {
                t[j] = Math.fma(-c[row + j], inv, hi) - shift[j];
            }
            for (int j = j0; j < j1; j++) {
                sum[j] += exp(t[j]);
            }
        }
    }

    /**
     * e^x for x ≤ 64, by e^x = (e^{x/64})^64: the polynomial of degree 15 interpolating e^y at
     * the 16 Chebyshev points of [−1, 1] (computed in 40-digit arithmetic; relative error
     * 7·10⁻¹⁷ on [−1, 1] with its coefficients rounded to doubles, against 5·10⁻¹⁴ for the Taylor
     * polynomial of the same degree) on y = x/64, then six squarings. Arithmetic
     * only (fused multiply-adds and products), so a loop over it is vectorised, unlike
     * {@link Math#exp}, which costs 4 to 5 times as much per entry here. Relative error at most
     * 4·10⁻¹⁴ on [−64, 64] (the squarings multiply the polynomial's rounding error by up to 64;
     * measured against {@link Math#exp}: 2.8·10⁻¹⁴ on 5·10⁶ random points, and by the tests);
     * for x &lt; −64 it returns e^{−64} ≈
     * 1.6·10⁻²⁸, an absolute error below that; above 64 it grows at least like (1 + x/64)^64 but
     * is not e^x. NaN gives NaN.
     */
    static double exp(double x) {
        double y = Math.max(x, LOWEST) * (1.0 / 64);
        double p = Math.fma(7.760406418336239e-13, y, 1.166341573342601e-11);
        p = Math.fma(p, y, 1.6057199454179518e-10);
        p = Math.fma(p, y, 2.0873618133610955e-09);
        p = Math.fma(p, y, 2.5052124008953335e-08);
        p = Math.fma(p, y, 2.755734581622287e-07);
        p = Math.fma(p, y, 2.7557319150704892e-06);
        p = Math.fma(p, y, 2.4801587176849117e-05);
        p = Math.fma(p, y, 1.9841269841456446e-04);
        p = Math.fma(p, y, 1.388888888920654e-03);
        p = Math.fma(p, y, 8.3333333333331e-03);
        p = Math.fma(p, y, 4.1666666666662695e-02);
        p = Math.fma(p, y, 0.16666666666666669);
        p = Math.fma(p, y, 0.5000000000000002);
        p = Math.fma(p, y, 1.0);
        p = Math.fma(p, y, 1.0);
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        return p * p;
    }

    /** The p × q row-major matrix transposed (q × p, row-major), in cache-sized tiles. */
    static double[] transpose(double[] mat, int p, int q) {
        double[] t = new double[mat.length];
        int tile = 32;
        for (int i0 = 0; i0 < p; i0 += tile) {
            int i1 = Math.min(p, i0 + tile);
            for (int j0 = 0; j0 < q; j0 += tile) {
                int j1 = Math.min(q, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        t[j * p + i] = mat[i * q + j];
                    }
                }
            }
        }
        return t;
    }
}
