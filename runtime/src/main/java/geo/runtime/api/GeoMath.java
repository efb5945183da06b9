package geo.runtime.api;

import org.apache.commons.math3.special.Erf;

/**
 * The functions compiled kernels call that {@link Math} lacks. The compiler's op table
 * ({@code geo.compiler.ir.Op}) evaluates them through this class too, so compiled kernels agree
 * bit for bit with the compiler's interpreter.
 */
public final class GeoMath {

    private GeoMath() {
    }

    /** σ(x) = 1 / (1 + e^(−x)). */
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** softplus(x) = max(x, 0) + log1p(e^(−|x|)), the overflow-free form of log(1 + eˣ). */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** relu(x) = max(x, 0); NaN stays NaN. */
    public static double relu(double x) {
        return Math.max(x, 0.0);
    }

    /** Heaviside step with step(0) = 0; NaN stays NaN. */
    public static double step(double x) {
        return x > 0.0 ? 1.0 : x <= 0.0 ? 0.0 : Double.NaN;
    }

    /**
     * The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, by Apache Commons Math's {@code Erf.erf}
     * (through the regularised incomplete gamma function, erf(x) = sign(x)·P(½, x²); ±1 for
     * |x| &gt; 40). Accurate to a few units in the last place; {@code GeoMathTest} checks it against
     * tabulated values (Abramowitz and Stegun, table 7.1) and the series near 0.
     */
    public static double erf(double x) {
        return Erf.erf(x);
    }

    /** elu(x) = x for x &gt; 0, eˣ − 1 otherwise (α = 1); NaN stays NaN. */
    public static double elu(double x) {
        return x > 0.0 ? x : Math.expm1(x);
    }

    /** leaky_relu(x, s) = x for x &gt; 0, s·x otherwise; NaN stays NaN. */
    public static double leakyRelu(double x, double slope) {
        return x > 0.0 ? x : slope * x;
    }

    /**
     * log(eᵃ + eᵇ) = max(a, b) + log1p(e^(−|a − b|)): no overflow for large arguments and full
     * accuracy when one term dominates; equal arguments (among them two equal infinities, where
     * a − b is NaN) give a + log 2. NaN if either argument is NaN.
     */
    public static double logaddexp(double a, double b) {
        if (a == b) {
            return a + LN2;
        }
        return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    private static final double LN2 = 0.6931471805599453;
}
