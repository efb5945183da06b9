package geo.runtime.ode;

import geo.runtime.api.Domain;

/**
 * The checks every integrator makes after an accepted step: finite values, a bound on the
 * largest component (blow-up) and the system's domain. Allocation happens only when a check
 * fails, to build the exception.
 */
public final class StateGuard {

    /** The default bound on |yᵢ| beyond which a state counts as blown up. */
    public static final double DEFAULT_BLOW_UP = 1e10;

    private StateGuard() {
    }

    /**
     * Checks a state y of {@code system} at time t.
     *
     * @throws IntegrationException with reason NOT_FINITE, BLOW_UP or LEFT_DOMAIN
     */
    public static void check(OdeSystem system, double t, double[] y, int steps, double blowUp) {
        double max = maxAbs(y);
        if (Double.isNaN(max) || Double.isInfinite(max)) {
            throw new IntegrationException(IntegrationException.Reason.NOT_FINITE, "", t, y, steps);
        }
        if (max > blowUp) {
            throw new IntegrationException(IntegrationException.Reason.BLOW_UP,
                    "|y| = " + IntegrationException.format(max) + " > " + IntegrationException.format(blowUp),
                    t, y, steps);
        }
        if (!system.inDomain(y)) {
            throw new IntegrationException(IntegrationException.Reason.LEFT_DOMAIN, system.domainDescription(),
                    t, y, steps);
        }
    }

    /**
     * Checks a position x and velocity v at time t; a failure reports the state [x; v].
     *
     * @throws IntegrationException with reason NOT_FINITE, BLOW_UP or LEFT_DOMAIN
     */
    public static void check(Domain domain, double t, double[] x, double[] v, int steps, double blowUp) {
        double max = Math.max(maxAbs(x), maxAbs(v));
        // One comparison on the fast path: false for NaN and for anything beyond the bound.
        if (max <= blowUp && (domain == Domain.NONE || domain.contains(x))) {
            return;
        }
        if (Double.isNaN(max) || Double.isInfinite(max)) {
            throw new IntegrationException(IntegrationException.Reason.NOT_FINITE, "", t, concat(x, v), steps);
        }
        if (max > blowUp) {
            throw new IntegrationException(IntegrationException.Reason.BLOW_UP,
                    "|(x, v)| = " + IntegrationException.format(max) + " > " + IntegrationException.format(blowUp),
                    t, concat(x, v), steps);
        }
        if (!domain.contains(x)) {
            throw new IntegrationException(IntegrationException.Reason.LEFT_DOMAIN, "x must stay in " + domain,
                    t, concat(x, v), steps);
        }
    }

    /** The failure of a kernel evaluated during the step that starts at (t, y). */
    static IntegrationException kernelFailed(ArithmeticException e, double t, double[] y, int steps) {
        return new IntegrationException(IntegrationException.Reason.KERNEL_FAILED, String.valueOf(e.getMessage()),
                t, y, steps, e);
    }

    /** max |yᵢ|, NaN if any component is NaN (Math.max propagates NaN). */
    static double maxAbs(double[] y) {
        double max = 0;
        for (double yi : y) {
            max = Math.max(max, Math.abs(yi));
        }
        return max;
    }

    static double[] concat(double[] x, double[] v) {
        double[] y = new double[x.length + v.length];
        System.arraycopy(x, 0, y, 0, x.length);
        System.arraycopy(v, 0, y, x.length, v.length);
        return y;
    }
}
