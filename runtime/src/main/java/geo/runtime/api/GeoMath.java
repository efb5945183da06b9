package geo.runtime.api;

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
}
