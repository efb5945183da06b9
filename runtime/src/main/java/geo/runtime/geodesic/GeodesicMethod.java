package geo.runtime.geodesic;

import geo.runtime.ode.AdaptiveOptions;
import geo.runtime.ode.StateGuard;
import geo.runtime.ode.Tolerances;

/**
 * How geodesics are integrated: fixed-step RK4 with a number of steps on [0, 1] (global error
 * O(n⁻⁴), a map that is smooth in its inputs), or adaptive Dormand–Prince 5(4) with tolerances.
 * Each carries the relative tolerance its checked results are held to ({@link #tolerance()}):
 * DOPRI5's rtol, or for RK4 the bound on its step-doubling error estimate (default
 * {@value #DEFAULT_RK4_TOLERANCE}). Immutable.
 */
public final class GeodesicMethod {

    private final int steps;
    private final AdaptiveOptions adaptive;
    private final double blowUp;
    private final double tolerance;

    /**
     * The most RK4 steps: twice as many, the step-doubling reference, must still be counted by an
     * int (and 2^29 steps of even the smallest model take minutes).
     */
    public static final int MAX_RK4_STEPS = 1 << 29;

    /** The tolerance of RK4's step-doubling error estimate unless {@link #withTolerance} says otherwise. */
    public static final double DEFAULT_RK4_TOLERANCE = 1e-6;

    private GeodesicMethod(int steps, AdaptiveOptions adaptive, double blowUp, double tolerance) {
        this.steps = steps;
        this.adaptive = adaptive;
        this.blowUp = blowUp;
        this.tolerance = Tolerances.relative("the tolerance", tolerance);
    }

    /** RK4 with {@code steps} equal steps on [0, 1]. */
    public static GeodesicMethod rk4(int steps) {
        return rk4(steps, StateGuard.DEFAULT_BLOW_UP);
    }

    /** RK4 with {@code steps} equal steps on [0, 1], failing when some |xᵢ| or |vᵢ| exceeds {@code blowUp}. */
    public static GeodesicMethod rk4(int steps, double blowUp) {
        if (steps < 1 || steps > MAX_RK4_STEPS) {
            throw new IllegalArgumentException("RK4 needs from 1 to " + MAX_RK4_STEPS + " steps, got " + steps);
        }
        if (!(blowUp > 0)) {
            throw new IllegalArgumentException("the blow-up bound must be positive, got " + blowUp);
        }
        return new GeodesicMethod(steps, null, blowUp, DEFAULT_RK4_TOLERANCE);
    }

    /** DOPRI5 with the given tolerances and the defaults of {@link AdaptiveOptions#of}. */
    public static GeodesicMethod dopri5(double rtol, double atol) {
        return dopri5(AdaptiveOptions.of(rtol, atol));
    }

    /** DOPRI5 with the given options. */
    public static GeodesicMethod dopri5(AdaptiveOptions options) {
        return new GeodesicMethod(0, options, options.blowUp(), options.rtol());
    }

    /**
     * This RK4 method with another tolerance for its step-doubling error estimate (at least
     * {@value Tolerances#MIN_RELATIVE}); DOPRI5 takes its tolerance from its options.
     */
    public GeodesicMethod withTolerance(double tolerance) {
        if (adaptive()) {
            throw new IllegalArgumentException("DOPRI5's tolerance is its rtol: use dopri5(rtol, atol)");
        }
        return new GeodesicMethod(steps, null, blowUp, tolerance);
    }

    /**
     * The relative tolerance checked results are held to: DOPRI5's rtol, or the bound on RK4's
     * step-doubling error estimate.
     */
    public double tolerance() {
        return tolerance;
    }

    /**
     * The more accurate integrator a result is compared with for its error estimate: RK4 with
     * twice the steps (the difference times 16/15 estimates the error of the N-step result), or
     * DOPRI5 with tolerances a hundred times tighter (at most down to {@value Tolerances#MIN_RELATIVE}:
     * at that floor the difference underestimates the error).
     */
    public GeodesicMethod reference() {
        if (adaptive()) {
            AdaptiveOptions o = adaptive;
            return dopri5(new AdaptiveOptions(Math.max(o.rtol() / 100, Tolerances.MIN_RELATIVE), o.atol() / 100,
                    o.initialStep(), o.minStep(), o.maxStep(), o.maxSteps(), o.blowUp()));
        }
        return new GeodesicMethod(Math.multiplyExact(2, steps), null, blowUp, tolerance);
    }

    /** The factor from the difference to the {@link #reference()} to the error estimate: 16/15 for RK4, 1 for DOPRI5. */
    public double referenceFactor() {
        return adaptive() ? 1 : 16.0 / 15.0;
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
                : "RK4(" + steps + " steps, tolerance " + tolerance + ")";
    }
}
