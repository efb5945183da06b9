package geo.runtime.lanes;

import geo.runtime.api.Tanh;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API versions of {@link LaneLoops}' three heaviest loops — the products with a
 * parameter matrix ({@link #dotSL}), the batch sum of outer products ({@link #outerTo}) and
 * {@link #tanh} — register-blocked on {@code DoubleVector}s of the preferred species (8 lanes with
 * AVX-512). {@link LaneLoops} calls these when {@link LaneSupport#available()}; this class is
 * loaded only then. Each method computes exactly the bits of its scalar twin in
 * {@link LaneLoops}: the same IEEE 754 operations (products and sums, each rounded, never a fused
 * multiply–add; {@code DoubleVector.max/min} follow {@link Math#max}/{@link Math#min}) in the same
 * order per element — register blocking changes which elements are computed together, never the
 * order of one element's additions ({@code LaneLoopsTest} compares the two bit for bit).
 *
 * <p>Blocking (Goto &amp; van de Geijn, "Anatomy of high-performance matrix multiplication", ACM
 * TOMS 34(3), 2008: a micro-tile of C kept in registers across the reduction index): a tile of
 * {@value #ROWS} output rows × 4 vectors of lanes (16 accumulators, with the 4 input vectors and
 * a broadcast 21 of AVX-512's 32 registers) is accumulated over the whole reduction index k, so
 * each loaded vector of inputs serves four rows and each broadcast parameter four vectors, and the
 * output is written once instead of once per four k (the axpy form C2 vectorises by itself
 * re-reads and re-writes it). The tiles are written out, accumulator by accumulator: C2 keeps
 * named locals in registers, not arrays of vectors. Edges (rows not a multiple of four, lanes not a
 * multiple of four vectors) take 4-row × 1-vector and 1-row tiles and finally scalar lanes, in the
 * same order. Measured on this machine (AMD EPYC, AVX-512, CPU time): the 64 × 64 products over 64
 * lanes at about 41 GFLOP/s against 17–19 for the axpy loops, which is near the machine's
 * 16 flops a cycle for separate products and sums (a fused multiply–add would not be faster
 * there: the products and the sums run on different pipes).
 */
final class LaneVectors {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Output rows of a register tile. */
    static final int ROWS = 4;

    private LaneVectors() {
    }

    /** {@link LaneLoops#dotSL}, blocked; the same bits. */
    static void dotSL(double[][] w, int n, int d, int dRow, boolean init, double[] theta, int t0, int tRow, int ts,
                      int s0, int sRow, int ss, int rows, int len) {
        int r = 0;
        if (sRow == 0 && dRow != 0) {
            for (; r + ROWS <= rows; r += ROWS) {
                dot4(w, n, d + dRow * r, dRow, init, theta, t0 + tRow * r, tRow, ts, s0, ss, len);
            }
        }
        for (; r < rows; r++) {
            dot1(w, n, w[d + dRow * r], init, theta, t0 + tRow * r, ts, s0 + sRow * r, ss, len);
        }
    }

    /** Rows d, d + dRow, d + 2dRow, d + 3dRow (parameters from t, t + tRow, ...), one input vector w[s + ss·k]. */
    private static void dot4(double[][] w, int n, int d, int dRow, boolean init, double[] theta, int t, int tRow,
                             int ts, int s, int ss, int len) {
        double[] y0 = w[d];
        double[] y1 = w[d + dRow];
        double[] y2 = w[d + 2 * dRow];
        double[] y3 = w[d + 3 * dRow];
        int t1 = t + tRow;
        int t2 = t + 2 * tRow;
        int t3 = t + 3 * tRow;
        int k0 = init ? 1 : 0;
        int b = 0;
        for (; b + 4 * L <= n; b += 4 * L) {
            int b1 = b + L;
            int b2 = b + 2 * L;
            int b3 = b + 3 * L;
            DoubleVector c00;
            DoubleVector c01;
            DoubleVector c02;
            DoubleVector c03;
            DoubleVector c10;
            DoubleVector c11;
            DoubleVector c12;
            DoubleVector c13;
            DoubleVector c20;
            DoubleVector c21;
            DoubleVector c22;
            DoubleVector c23;
            DoubleVector c30;
            DoubleVector c31;
            DoubleVector c32;
            DoubleVector c33;
            if (init) {
                double[] x = w[s];
                DoubleVector xa = DoubleVector.fromArray(S, x, b);
                DoubleVector xb = DoubleVector.fromArray(S, x, b1);
                DoubleVector xc = DoubleVector.fromArray(S, x, b2);
                DoubleVector xd = DoubleVector.fromArray(S, x, b3);
                DoubleVector a = DoubleVector.broadcast(S, theta[t]);
                c00 = xa.mul(a);
                c01 = xb.mul(a);
                c02 = xc.mul(a);
                c03 = xd.mul(a);
                a = DoubleVector.broadcast(S, theta[t1]);
                c10 = xa.mul(a);
                c11 = xb.mul(a);
                c12 = xc.mul(a);
                c13 = xd.mul(a);
                a = DoubleVector.broadcast(S, theta[t2]);
                c20 = xa.mul(a);
                c21 = xb.mul(a);
                c22 = xc.mul(a);
                c23 = xd.mul(a);
                a = DoubleVector.broadcast(S, theta[t3]);
                c30 = xa.mul(a);
                c31 = xb.mul(a);
                c32 = xc.mul(a);
                c33 = xd.mul(a);
            } else {
                c00 = DoubleVector.fromArray(S, y0, b);
                c01 = DoubleVector.fromArray(S, y0, b1);
                c02 = DoubleVector.fromArray(S, y0, b2);
                c03 = DoubleVector.fromArray(S, y0, b3);
                c10 = DoubleVector.fromArray(S, y1, b);
                c11 = DoubleVector.fromArray(S, y1, b1);
                c12 = DoubleVector.fromArray(S, y1, b2);
                c13 = DoubleVector.fromArray(S, y1, b3);
                c20 = DoubleVector.fromArray(S, y2, b);
                c21 = DoubleVector.fromArray(S, y2, b1);
                c22 = DoubleVector.fromArray(S, y2, b2);
                c23 = DoubleVector.fromArray(S, y2, b3);
                c30 = DoubleVector.fromArray(S, y3, b);
                c31 = DoubleVector.fromArray(S, y3, b1);
                c32 = DoubleVector.fromArray(S, y3, b2);
                c33 = DoubleVector.fromArray(S, y3, b3);
            }
            for (int k = k0; k < len; k++) {
                double[] x = w[s + ss * k];
                DoubleVector xa = DoubleVector.fromArray(S, x, b);
                DoubleVector xb = DoubleVector.fromArray(S, x, b1);
                DoubleVector xc = DoubleVector.fromArray(S, x, b2);
                DoubleVector xd = DoubleVector.fromArray(S, x, b3);
                int tk = ts * k;
                DoubleVector a = DoubleVector.broadcast(S, theta[t + tk]);
                c00 = c00.add(xa.mul(a));
                c01 = c01.add(xb.mul(a));
                c02 = c02.add(xc.mul(a));
                c03 = c03.add(xd.mul(a));
                a = DoubleVector.broadcast(S, theta[t1 + tk]);
                c10 = c10.add(xa.mul(a));
                c11 = c11.add(xb.mul(a));
                c12 = c12.add(xc.mul(a));
                c13 = c13.add(xd.mul(a));
                a = DoubleVector.broadcast(S, theta[t2 + tk]);
                c20 = c20.add(xa.mul(a));
                c21 = c21.add(xb.mul(a));
                c22 = c22.add(xc.mul(a));
                c23 = c23.add(xd.mul(a));
                a = DoubleVector.broadcast(S, theta[t3 + tk]);
                c30 = c30.add(xa.mul(a));
                c31 = c31.add(xb.mul(a));
                c32 = c32.add(xc.mul(a));
                c33 = c33.add(xd.mul(a));
            }
            c00.intoArray(y0, b);
            c01.intoArray(y0, b1);
            c02.intoArray(y0, b2);
            c03.intoArray(y0, b3);
            c10.intoArray(y1, b);
            c11.intoArray(y1, b1);
            c12.intoArray(y1, b2);
            c13.intoArray(y1, b3);
            c20.intoArray(y2, b);
            c21.intoArray(y2, b1);
            c22.intoArray(y2, b2);
            c23.intoArray(y2, b3);
            c30.intoArray(y3, b);
            c31.intoArray(y3, b1);
            c32.intoArray(y3, b2);
            c33.intoArray(y3, b3);
        }
        for (; b + L <= n; b += L) {
            DoubleVector c0;
            DoubleVector c1;
            DoubleVector c2;
            DoubleVector c3;
            if (init) {
                DoubleVector x = DoubleVector.fromArray(S, w[s], b);
                c0 = x.mul(theta[t]);
                c1 = x.mul(theta[t1]);
                c2 = x.mul(theta[t2]);
                c3 = x.mul(theta[t3]);
            } else {
                c0 = DoubleVector.fromArray(S, y0, b);
                c1 = DoubleVector.fromArray(S, y1, b);
                c2 = DoubleVector.fromArray(S, y2, b);
                c3 = DoubleVector.fromArray(S, y3, b);
            }
            for (int k = k0; k < len; k++) {
                DoubleVector x = DoubleVector.fromArray(S, w[s + ss * k], b);
                int tk = ts * k;
                c0 = c0.add(x.mul(theta[t + tk]));
                c1 = c1.add(x.mul(theta[t1 + tk]));
                c2 = c2.add(x.mul(theta[t2 + tk]));
                c3 = c3.add(x.mul(theta[t3 + tk]));
            }
            c0.intoArray(y0, b);
            c1.intoArray(y1, b);
            c2.intoArray(y2, b);
            c3.intoArray(y3, b);
        }
        if (b < n) {
            LaneLoops.dotSLScalar(w, b, n, d, dRow, init, theta, t, tRow, ts, s, 0, ss, ROWS, len);
        }
    }

    /** One row y = (init ? 0 : y) + Σₖ θ[t + ts·k] · w[s + ss·k]. */
    private static void dot1(double[][] w, int n, double[] y, boolean init, double[] theta, int t, int ts, int s,
                             int ss, int len) {
        int k0 = init ? 1 : 0;
        int b = 0;
        for (; b + 2 * L <= n; b += 2 * L) {
            int bb = b + L;
            DoubleVector c0;
            DoubleVector c1;
            if (init) {
                double[] x = w[s];
                double a = theta[t];
                c0 = DoubleVector.fromArray(S, x, b).mul(a);
                c1 = DoubleVector.fromArray(S, x, bb).mul(a);
            } else {
                c0 = DoubleVector.fromArray(S, y, b);
                c1 = DoubleVector.fromArray(S, y, bb);
            }
            for (int k = k0; k < len; k++) {
                double[] x = w[s + ss * k];
                DoubleVector a = DoubleVector.broadcast(S, theta[t + ts * k]);
                c0 = c0.add(DoubleVector.fromArray(S, x, b).mul(a));
                c1 = c1.add(DoubleVector.fromArray(S, x, bb).mul(a));
            }
            c0.intoArray(y, b);
            c1.intoArray(y, bb);
        }
        for (; b + L <= n; b += L) {
            DoubleVector c0 = init ? DoubleVector.fromArray(S, w[s], b).mul(theta[t]) : DoubleVector.fromArray(S, y, b);
            for (int k = k0; k < len; k++) {
                c0 = c0.add(DoubleVector.fromArray(S, w[s + ss * k], b).mul(theta[t + ts * k]));
            }
            c0.intoArray(y, b);
        }
        for (; b < n; b++) {
            double c = init ? theta[t] * w[s][b] : y[b];
            for (int k = k0; k < len; k++) {
                c += theta[t + ts * k] * w[s + ss * k][b];
            }
            y[b] = c;
        }
    }

    /**
     * {@link LaneLoops#outerTo}, blocked over gradient rows × elements: after the transpose (as
     * there), a tile of {@value #ROWS} gradient rows × 2 vectors of elements k is loaded from g,
     * adds its lanes' products in lane order and is stored back once; the same bits.
     */
    static void outerTo(double[][] w, int n, double[] g, int g0, int gRow, int f0, int fRow, int v0, int vs,
                        int rows, int len, int tmp) {
        LaneLoops.transpose(w, n, v0, vs, len, tmp);
        int r = 0;
        if (gRow >= len || rows == 1) {
            for (; r + ROWS <= rows; r += ROWS) {
                outer4(w, n, g, g0 + gRow * r, gRow, w[f0 + fRow * r], w[f0 + fRow * (r + 1)],
                        w[f0 + fRow * (r + 2)], w[f0 + fRow * (r + 3)], len, tmp);
            }
            for (; r < rows; r++) {
                outer1(w, n, g, g0 + gRow * r, w[f0 + fRow * r], len, tmp);
            }
        } else {
            // Gradient rows that overlap: one after the other, as the scalar loop adds them.
            for (; r < rows; r++) {
                outer1(w, n, g, g0, w[f0 + fRow * r], len, tmp);
            }
        }
    }

    private static void outer4(double[][] w, int n, double[] g, int gi, int gRow, double[] f0, double[] f1,
                               double[] f2, double[] f3, int len, int tmp) {
        int g1 = gi + gRow;
        int g2 = gi + 2 * gRow;
        int g3 = gi + 3 * gRow;
        int k = 0;
        for (; k + 4 * L <= len; k += 4 * L) {
            int ka = k + L;
            int kb = k + 2 * L;
            int kc = k + 3 * L;
            DoubleVector c00 = DoubleVector.fromArray(S, g, gi + k);
            DoubleVector c01 = DoubleVector.fromArray(S, g, gi + ka);
            DoubleVector c02 = DoubleVector.fromArray(S, g, gi + kb);
            DoubleVector c03 = DoubleVector.fromArray(S, g, gi + kc);
            DoubleVector c10 = DoubleVector.fromArray(S, g, g1 + k);
            DoubleVector c11 = DoubleVector.fromArray(S, g, g1 + ka);
            DoubleVector c12 = DoubleVector.fromArray(S, g, g1 + kb);
            DoubleVector c13 = DoubleVector.fromArray(S, g, g1 + kc);
            DoubleVector c20 = DoubleVector.fromArray(S, g, g2 + k);
            DoubleVector c21 = DoubleVector.fromArray(S, g, g2 + ka);
            DoubleVector c22 = DoubleVector.fromArray(S, g, g2 + kb);
            DoubleVector c23 = DoubleVector.fromArray(S, g, g2 + kc);
            DoubleVector c30 = DoubleVector.fromArray(S, g, g3 + k);
            DoubleVector c31 = DoubleVector.fromArray(S, g, g3 + ka);
            DoubleVector c32 = DoubleVector.fromArray(S, g, g3 + kb);
            DoubleVector c33 = DoubleVector.fromArray(S, g, g3 + kc);
            for (int b = 0; b < n; b++) {
                double[] x = w[tmp + b];
                DoubleVector x0 = DoubleVector.fromArray(S, x, k);
                DoubleVector x1 = DoubleVector.fromArray(S, x, ka);
                DoubleVector x2 = DoubleVector.fromArray(S, x, kb);
                DoubleVector x3 = DoubleVector.fromArray(S, x, kc);
                DoubleVector c = DoubleVector.broadcast(S, f0[b]);
                c00 = c00.add(x0.mul(c));
                c01 = c01.add(x1.mul(c));
                c02 = c02.add(x2.mul(c));
                c03 = c03.add(x3.mul(c));
                c = DoubleVector.broadcast(S, f1[b]);
                c10 = c10.add(x0.mul(c));
                c11 = c11.add(x1.mul(c));
                c12 = c12.add(x2.mul(c));
                c13 = c13.add(x3.mul(c));
                c = DoubleVector.broadcast(S, f2[b]);
                c20 = c20.add(x0.mul(c));
                c21 = c21.add(x1.mul(c));
                c22 = c22.add(x2.mul(c));
                c23 = c23.add(x3.mul(c));
                c = DoubleVector.broadcast(S, f3[b]);
                c30 = c30.add(x0.mul(c));
                c31 = c31.add(x1.mul(c));
                c32 = c32.add(x2.mul(c));
                c33 = c33.add(x3.mul(c));
            }
            c00.intoArray(g, gi + k);
            c01.intoArray(g, gi + ka);
            c02.intoArray(g, gi + kb);
            c03.intoArray(g, gi + kc);
            c10.intoArray(g, g1 + k);
            c11.intoArray(g, g1 + ka);
            c12.intoArray(g, g1 + kb);
            c13.intoArray(g, g1 + kc);
            c20.intoArray(g, g2 + k);
            c21.intoArray(g, g2 + ka);
            c22.intoArray(g, g2 + kb);
            c23.intoArray(g, g2 + kc);
            c30.intoArray(g, g3 + k);
            c31.intoArray(g, g3 + ka);
            c32.intoArray(g, g3 + kb);
            c33.intoArray(g, g3 + kc);
        }
        for (; k + L <= len; k += L) {
            DoubleVector c0 = DoubleVector.fromArray(S, g, gi + k);
            DoubleVector c1 = DoubleVector.fromArray(S, g, g1 + k);
            DoubleVector c2 = DoubleVector.fromArray(S, g, g2 + k);
            DoubleVector c3 = DoubleVector.fromArray(S, g, g3 + k);
            for (int b = 0; b < n; b++) {
                DoubleVector x = DoubleVector.fromArray(S, w[tmp + b], k);
                c0 = c0.add(x.mul(f0[b]));
                c1 = c1.add(x.mul(f1[b]));
                c2 = c2.add(x.mul(f2[b]));
                c3 = c3.add(x.mul(f3[b]));
            }
            c0.intoArray(g, gi + k);
            c1.intoArray(g, g1 + k);
            c2.intoArray(g, g2 + k);
            c3.intoArray(g, g3 + k);
        }
        for (; k < len; k++) {
            double c0 = g[gi + k];
            double c1 = g[g1 + k];
            double c2 = g[g2 + k];
            double c3 = g[g3 + k];
            for (int b = 0; b < n; b++) {
                double x = w[tmp + b][k];
                c0 += f0[b] * x;
                c1 += f1[b] * x;
                c2 += f2[b] * x;
                c3 += f3[b] * x;
            }
            g[gi + k] = c0;
            g[g1 + k] = c1;
            g[g2 + k] = c2;
            g[g3 + k] = c3;
        }
    }

    private static void outer1(double[][] w, int n, double[] g, int gi, double[] f, int len, int tmp) {
        int k = 0;
        for (; k + 2 * L <= len; k += 2 * L) {
            int kk = k + L;
            DoubleVector c0 = DoubleVector.fromArray(S, g, gi + k);
            DoubleVector c1 = DoubleVector.fromArray(S, g, gi + kk);
            for (int b = 0; b < n; b++) {
                double[] x = w[tmp + b];
                DoubleVector c = DoubleVector.broadcast(S, f[b]);
                c0 = c0.add(DoubleVector.fromArray(S, x, k).mul(c));
                c1 = c1.add(DoubleVector.fromArray(S, x, kk).mul(c));
            }
            c0.intoArray(g, gi + k);
            c1.intoArray(g, gi + kk);
        }
        for (; k + L <= len; k += L) {
            DoubleVector c0 = DoubleVector.fromArray(S, g, gi + k);
            for (int b = 0; b < n; b++) {
                c0 = c0.add(DoubleVector.fromArray(S, w[tmp + b], k).mul(f[b]));
            }
            c0.intoArray(g, gi + k);
        }
        for (; k < len; k++) {
            double c = g[gi + k];
            for (int b = 0; b < n; b++) {
                c += f[b] * w[tmp + b][k];
            }
            g[gi + k] = c;
        }
    }

    /**
     * {@link LaneLoops#tanh} on whole vectors, one pass in registers: {@link Tanh#tanh(double)}'s
     * operations in its order, bit for bit (the clamps by compare and blend give the values of
     * {@link Math#min}/{@link Math#max}, NaN kept; the core is selected by a mask, which gives
     * exactly the scalar branch's value; 2^k by reinterpreting the lanes as longs).
     */
    static void tanh(double[][] w, int n, int d, int a) {
        double[] y = w[d];
        double[] x = w[a];
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector two = DoubleVector.broadcast(S, 2.0);
        DoubleVector half = DoubleVector.broadcast(S, 0.5);
        DoubleVector hiClamp = DoubleVector.broadcast(S, Tanh.CLAMP);
        DoubleVector loClamp = DoubleVector.broadcast(S, -Tanh.CLAMP);
        int b = 0;
        for (; b + L <= n; b += L) {
            DoubleVector xc = DoubleVector.fromArray(S, x, b);
            xc = xc.blend(hiClamp, xc.compare(VectorOperators.GT, Tanh.CLAMP))
                    .blend(loClamp, xc.compare(VectorOperators.LT, -Tanh.CLAMP));
            DoubleVector abs = xc.abs();
            // The large core: e = e^{-2|x|} by fdlibm's exp, then (1 − e)/(1 + e)·x/|x|.
            DoubleVector yy = abs.mul(-2.0);
            DoubleVector m = yy.mul(Tanh.LOG2_E).add(Tanh.MAGIC);
            DoubleVector k = m.sub(Tanh.MAGIC);
            DoubleVector hi = yy.sub(k.mul(Tanh.LN2_HI));
            DoubleVector lo = k.mul(Tanh.LN2_LO);
            DoubleVector r = hi.sub(lo);
            DoubleVector t = r.mul(r);
            DoubleVector poly = t.mul(Tanh.E5).add(Tanh.E4);
            poly = t.mul(poly).add(Tanh.E3);
            poly = t.mul(poly).add(Tanh.E2);
            poly = t.mul(poly).add(Tanh.E1);
            DoubleVector c = r.sub(t.mul(poly));
            DoubleVector er = one.sub(lo.sub(r.mul(c).div(two.sub(c))).sub(hi));
            DoubleVector scale = ((LongVector) m.reinterpretAsLongs()).add(1023L).lanewise(VectorOperators.LSHL, 52L)
                    .reinterpretAsDoubles();
            DoubleVector e = er.mul(scale);
            DoubleVector large = one.sub(e).div(one.add(e))
                    .mul(xc.div(abs.blend(half, abs.compare(VectorOperators.LT, 0.5))));
            // The small core x + x·((s·P(s) + 0)/Q(s)).
            DoubleVector s = xc.mul(xc);
            DoubleVector p = s.mul(Tanh.P0).add(Tanh.P1).mul(s).add(Tanh.P2);
            DoubleVector q = s.add(Tanh.Q0).mul(s).add(Tanh.Q1).mul(s).add(Tanh.Q2);
            DoubleVector small = xc.add(xc.mul(s.mul(p).add(0.0).div(q)));
            small.blend(large, abs.compare(VectorOperators.GT, Tanh.SMALL)).intoArray(y, b);
        }
        if (b < n) {
            LaneLoops.tanhScalar(w, b, n, d, a);
        }
    }
}
