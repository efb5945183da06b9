package geo.runtime.api;

/**
 * The one tanh of the system: the interpreter ({@code geo.compiler.ir.Op}'s tanh row, value and
 * partials), every compiled per-point kernel (a call of {@link #tanh(double)}) and the batch lanes
 * ({@link #tanh(double[], double[], double[], double[], int, int)}, {@code geo.runtime.lanes}) all
 * compute it with the same IEEE 754 operations in the same order — only +, −, ×, ÷, |·|, min, max
 * and an exponent built from bits, never a fused multiply–add or a library call — so compiled and
 * interpreted models, and a batch lane and its per-point kernel, agree bit for bit, and a counted
 * loop over an array of it is vectorised by HotSpot's C2 (which {@link Math#tanh}, a call of
 * fdlibm's C code on JDK 17, is not).
 *
 * <p>The scheme is fdlibm's split (Sun Microsystems, {@code s_tanh.c}) with two cores chosen
 * without a branch in the loops:
 * <ul>
 *   <li>|x| ≤ {@value #SMALL}: tanh x = x + x·(s·P(s)/Q(s)), s = x², Cephes' (2, 3) rational form
 *       (S. L. Moshier, Cephes Math Library, {@code tanh.c}, range |x| &lt; 0.625); the correction
 *       x·s·P/Q is at most 13% of x, so its own error counts for little and the sum rounds once;</li>
 *   <li>|x| &gt; {@value #SMALL}: tanh|x| = (1 − e)/(1 + e), e = e^{−2|x|}, the exponential by
 *       fdlibm's {@code e_exp.c}: k = rint(−2|x|·log₂e) (by adding and subtracting 1.5·2⁵²),
 *       r = hi − lo with hi = −2|x| − k·ln2_hi (exact) and lo = k·ln2_lo (Cody–Waite), its Remez
 *       polynomial c = r − r²(E₁ + … + E₅r⁸) and e^r = 1 − ((lo − r·c/(2 − c)) − hi), then 2^k
 *       written into an exponent field (k ∈ [−64, 0]: no subnormal scale); the sign is restored by
 *       x/|x| (exact).</li>
 * </ul>
 * x is first clamped to [−{@value #CLAMP}, {@value #CLAMP}] (beyond 19.06, 1 − tanh x &lt; 2⁻⁵⁴ and
 * tanh rounds to ±1). The scalar form branches on |x| &gt; {@value #SMALL}; the loops compute both
 * cores and blend them by a weight w ∈ {0, 1} (small·(1 − w) + large·w, exactly the selected value:
 * the other term is a signed zero that cannot change it), so the bits are the same.
 *
 * <p>Accuracy (measured, {@code TanhTest} against a 50-digit {@link java.math.BigDecimal}
 * reference): at most 1.5 ulp on a dense sweep of [−20, 20], random points, near 0 and among the
 * subnormals ({@link Math#tanh} itself reaches 2.03 ulp there); odd exactly (every operation is
 * sign-symmetric), |tanh x| ≤ 1, monotone on the sweep and across the switch at {@value #SMALL};
 * NaN gives NaN, ±0 gives ±0, ±∞ gives ±1, a subnormal x gives x.
 */
public final class Tanh {

    /** Cephes' numerator coefficients P(s) = P0 s² + P1 s + P2. */
    public static final double P0 = -9.64399179425052238628E-1;
    /** See {@link #P0}. */
    public static final double P1 = -9.92877231001918586564E1;
    /** See {@link #P0}. */
    public static final double P2 = -1.61468768441708447952E3;
    /** Cephes' denominator Q(s) = s³ + Q0 s² + Q1 s + Q2. */
    public static final double Q0 = 1.12811678491632931402E2;
    /** See {@link #Q0}. */
    public static final double Q1 = 2.23548839060100448583E3;
    /** See {@link #Q0}. */
    public static final double Q2 = 4.84406305325125486048E3;
    /** fdlibm's exp polynomial, E1 … E5 (its P1 … P5). */
    public static final double E1 = 1.66666666666666019037e-01;
    /** See {@link #E1}. */
    public static final double E2 = -2.77777777770155933842e-03;
    /** See {@link #E1}. */
    public static final double E3 = 6.61375632143793436117e-05;
    /** See {@link #E1}. */
    public static final double E4 = -1.65339022054652515390e-06;
    /** See {@link #E1}. */
    public static final double E5 = 4.13813679705723846039e-08;
    /** ln 2's high part (its last 32 bits zero, so k·LN2_HI is exact for |k| &lt; 2²⁰). */
    public static final double LN2_HI = 6.93147180369123816490e-01;
    /** ln 2 − {@link #LN2_HI}. */
    public static final double LN2_LO = 1.90821492927058770002e-10;
    /** log₂ e. */
    public static final double LOG2_E = 1.44269504088896338700e+00;
    /** 1.5·2⁵²: y + MAGIC − MAGIC is y rounded to an integer (|y| &lt; 2⁵¹), held in MAGIC's low bits. */
    public static final double MAGIC = 0x1.8p52;
    /** |x| beyond which tanh x rounds to ±1 (fdlibm's 22). */
    public static final double CLAMP = 22.0;
    /** The switch between the two cores (the rational form's range). */
    public static final double SMALL = 0.625;
    /** 2⁶⁰: (|x| − SMALL)·2⁶⁰ is ≥ 128 for every double above SMALL, so min(max(·, 0), 1) is the weight. */
    public static final double WEIGHT = 0x1p60;

    private Tanh() {
    }

    /** tanh x (see the class comment for the scheme and its accuracy). */
    public static double tanh(double x) {
        double xc = Math.min(Math.max(x, -CLAMP), CLAMP);
        double a = Math.abs(xc);
        if (a > SMALL) {
            double m = -2.0 * a * LOG2_E + MAGIC;
            double e = expCore(m, -2.0 * a) * scale(m);
            return (1.0 - e) / (1.0 + e) * (xc / Math.max(a, 0.5));
        }
        return small(xc);
    }

    /**
     * The small core x + x·((s·P(s) + 0)/Q(s)): adding +0 turns the −0 of s·P(s) at s = 0 into +0,
     * so that the correction has x's sign there and tanh(−0) = −0 + (−0) = −0.
     */
    private static double small(double xc) {
        double s = xc * xc;
        return xc + xc * ((s * ((P0 * s + P1) * s + P2) + 0.0) / (((s + Q0) * s + Q1) * s + Q2));
    }

    /** e^r for y = −2|x| = k ln 2 + r, k = m − MAGIC (fdlibm's core, without 2^k). */
    private static double expCore(double m, double y) {
        double k = m - MAGIC;
        double hi = y - k * LN2_HI;
        double lo = k * LN2_LO;
        double r = hi - lo;
        double t = r * r;
        double c = r - t * (E1 + t * (E2 + t * (E3 + t * (E4 + t * E5))));
        return 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
    }

    /** 2^k from m = k + MAGIC: k + 1023 in the exponent field (the low bits of m hold 2⁵¹ + k). */
    private static double scale(double m) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(m) + 1023L) << 52);
    }

    /**
     * y[b] = tanh(x[b]) for b in [from, to), bit for bit {@link #tanh(double)}, as short counted
     * loops that C2 vectorises (a long loop body is not unrolled, and so not vectorised; the loop
     * writing 2^k from bits stays scalar on JDK 17). y may be x; c1 and c2 are scratch arrays of
     * at least {@code to} elements, distinct from x, y and each other.
     */
    public static void tanh(double[] x, double[] y, double[] c1, double[] c2, int from, int to) {
        for (int b = from; b < to; b++) {
            y[b] = Math.min(Math.max(x[b], -CLAMP), CLAMP);
        }
        for (int b = from; b < to; b++) {
            c1[b] = -2.0 * Math.abs(y[b]) * LOG2_E + MAGIC;
        }
        for (int b = from; b < to; b++) {
            c2[b] = expCore(c1[b], -2.0 * Math.abs(y[b]));
        }
        for (int b = from; b < to; b++) {
            c2[b] *= scale(c1[b]);
        }
        for (int b = from; b < to; b++) {
            double e = c2[b];
            double xc = y[b];
            c2[b] = (1.0 - e) / (1.0 + e) * (xc / Math.max(Math.abs(xc), 0.5));
        }
        for (int b = from; b < to; b++) {
            c1[b] = small(y[b]);
        }
        for (int b = from; b < to; b++) {
            double w = weight(y[b]);
            y[b] = c1[b] * (1.0 - w) + c2[b] * w;
        }
    }

    /** 1 when |xc| &gt; SMALL, else 0 (NaN: NaN, which the small core's NaN carries through anyway). */
    private static double weight(double xc) {
        return Math.min(Math.max((Math.abs(xc) - SMALL) * WEIGHT, 0.0), 1.0);
    }
}
