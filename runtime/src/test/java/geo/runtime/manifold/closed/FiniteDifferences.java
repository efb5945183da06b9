package geo.runtime.manifold.closed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;

/** Gradient checks by the five-point central difference, whose O(h⁴) error allows steps far above rounding. */
public final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /** A power of two near {@code scale}·10⁻³, so x ± h and x ± 2h are exact for |x| ≲ 1. */
    public static double step(double scale) {
        return Math.scalb(1.0, Math.getExponent(scale * 1e-3));
    }

    /**
     * The derivative of f along coordinate {@code a} of {@code point} (restored afterwards) by
     * (8(f(x+h) − f(x−h)) − (f(x+2h) − f(x−2h))) / 12h.
     */
    public static double partial(ToDoubleFunction<double[]> f, double[] point, int a, double h) {
        double keep = point[a];
        double[] v = new double[4];
        double[] offsets = {h, -h, 2 * h, -2 * h};
        for (int k = 0; k < 4; k++) {
            point[a] = keep + offsets[k];
            v[k] = f.applyAsDouble(point);
        }
        point[a] = keep;
        return (8 * (v[0] - v[1]) - (v[2] - v[3])) / (12 * h);
    }

    /**
     * Asserts |analytic − FD| ≤ {@code relative}·max(‖analytic‖∞, floor) for every coordinate of
     * {@code point}; f must read the point array it is given.
     */
    public static void check(String what, ToDoubleFunction<double[]> f, double[] point, double[] analytic, double h,
                      double relative, double floor) {
        double scale = floor;
        for (double g : analytic) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int a = 0; a < point.length; a++) {
            double fd = partial(f, point, a, h);
            double err = Math.abs(fd - analytic[a]);
            assertTrue(err <= relative * scale, what + ": coordinate " + a + " analytic " + analytic[a]
                    + " finite difference " + fd + " error " + err + " > " + relative + " × " + scale);
        }
    }
}
