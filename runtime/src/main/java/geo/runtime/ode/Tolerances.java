package geo.runtime.ode;

/**
 * What tolerances the solvers accept. A relative tolerance below {@value #MIN_RELATIVE} asks for
 * more than double precision (unit roundoff 1.1e-16) can deliver once the rounding errors of
 * thousands of steps accumulate: an adaptive integrator would shrink its steps to the resolution
 * of t and run until its step limit (e.g. rtol = 1e-30 took 93 s before failing). Such
 * tolerances, and non-positive or non-finite ones, are refused when the options are built.
 */
public final class Tolerances {

    /** The smallest relative tolerance accepted. */
    public static final double MIN_RELATIVE = 1e-14;

    private Tolerances() {
    }

    /**
     * Returns {@code tolerance} if it is a finite relative tolerance of at least
     * {@value #MIN_RELATIVE}.
     *
     * @param what the tolerance's name, for the message
     * @throws IllegalArgumentException otherwise
     */
    public static double relative(String what, double tolerance) {
        if (!(tolerance >= MIN_RELATIVE) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException(what + " must be a finite number of at least " + MIN_RELATIVE
                    + " (double precision resolves no finer), got " + tolerance);
        }
        return tolerance;
    }

    /**
     * Returns {@code tolerance} if it is finite and positive (an absolute tolerance, whose scale
     * is the caller's).
     *
     * @throws IllegalArgumentException otherwise
     */
    public static double positive(String what, double tolerance) {
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException(what + " must be a finite positive number, got " + tolerance);
        }
        return tolerance;
    }
}
