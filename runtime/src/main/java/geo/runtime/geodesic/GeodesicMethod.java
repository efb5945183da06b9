package geo.runtime.geodesic;

import geo.runtime.ode.AdaptiveOptions;
import geo.runtime.ode.StateGuard;

/**
 * How geodesics are integrated: fixed-step RK4 with a number of steps on [0, 1] (global error
 * O(n⁻⁴), a map that is smooth in its inputs), or adaptive Dormand–Prince 5(4) with tolerances.
 * Immutable.
 */
public final class GeodesicMethod {

    private final int steps;
    private final AdaptiveOptions adaptive;
    private final double blowUp;

    private GeodesicMethod(int steps, AdaptiveOptions adaptive, double blowUp) {
        this.steps = steps;
        this.adaptive = adaptive;
        this.blowUp = blowUp;
    }

    /** RK4 with {@code steps} equal steps on [0, 1]. */
    public static GeodesicMethod rk4(int steps) {
        return rk4(steps, StateGuard.DEFAULT_BLOW_UP);
    }

    /** RK4 with {@code steps} equal steps on [0, 1], failing when some |xᵢ| or |vᵢ| exceeds {@code blowUp}. */
    public static GeodesicMethod rk4(int steps, double blowUp) {
        if (steps < 1) {
            throw new IllegalArgumentException("RK4 needs at least one step, got " + steps);
        }
        if (!(blowUp > 0)) {
            throw new IllegalArgumentException("the blow-up bound must be positive, got " + blowUp);
        }
        return new GeodesicMethod(steps, null, blowUp);
    }

    /** DOPRI5 with the given tolerances and the defaults of {@link AdaptiveOptions#of}. */
    public static GeodesicMethod dopri5(double rtol, double atol) {
        return dopri5(AdaptiveOptions.of(rtol, atol));
    }

    /** DOPRI5 with the given options. */
    public static GeodesicMethod dopri5(AdaptiveOptions options) {
        return new GeodesicMethod(0, options, options.blowUp());
    }

    /** True for DOPRI5, false for RK4. */
    public boolean adaptive() {
        return adaptive != null;
    }

    /** The number of RK4 steps (0 for DOPRI5). */
    public int steps() {
        return steps;
    }

    /** The DOPRI5 options (null for RK4). */
    public AdaptiveOptions options() {
        return adaptive;
    }

    public double blowUp() {
        return blowUp;
    }

    @Override
    public String toString() {
        return adaptive() ? "DOPRI5(rtol = " + adaptive.rtol() + ", atol = " + adaptive.atol() + ")"
                : "RK4(" + steps + " steps)";
    }
}
