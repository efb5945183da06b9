package geo.runtime.ode;

import geo.runtime.api.Domain;
import java.util.Arrays;

/**
 * The per-step check of (x, v) in the hot loop of {@link AccelerationRungeKutta}: one fused pass
 * computes max(|xᵢ|, |vᵢ|) and, for a ball, |x|² (in the order {@link Domain#contains} sums it, so
 * both agree exactly), without the case dispatch of {@link Domain#contains}. Only when this fast
 * test fails does {@link StateGuard} classify the failure and build the exception.
 */
final class PhaseGuard {

    private final Domain domain;
    private final double blowUp;
    /** 0: all of Rᵈ, 1: a ball, 2: anything else (tested by {@link Domain#contains}). */
    private final int kind;
    private final double radiusSquared;
    /** The position copied out of a row for {@link Domain#contains} (kind 2 only). */
    private double[] position = new double[0];

    PhaseGuard(Domain domain, double blowUp) {
        this.domain = domain;
        this.blowUp = blowUp;
        this.kind = domain instanceof Domain.None ? 0 : domain instanceof Domain.Ball ? 1 : 2;
        double radius = domain instanceof Domain.Ball b ? b.radius() : 0;
        this.radiusSquared = radius * radius;
    }

    /**
     * @throws IntegrationException with reason NOT_FINITE, BLOW_UP or LEFT_DOMAIN
     */
    void check(double t, double[] x, double[] v, int steps) {
        check(t, x, 0, v, 0, x.length, steps);
    }

    /** As {@link #check(double, double[], double[], int)} for x = y[at, at + d) and v = y[at + d, at + 2d). */
    void check(double t, double[] y, int at, int d, int steps) {
        check(t, y, at, y, at + d, d, steps);
    }

    /** The test for x = xs[xAt, xAt + d) and v = vs[vAt, vAt + d); copies them only to report a failure. */
    private void check(double t, double[] xs, int xAt, double[] vs, int vAt, int d, int steps) {
        double max = 0;
        double squares = 0;
        for (int i = 0; i < d; i++) {
            double xi = xs[xAt + i];
            max = Math.max(max, Math.max(Math.abs(xi), Math.abs(vs[vAt + i])));
            squares += xi * xi;
        }
        // max <= blowUp is false for NaN as well as for a blow-up.
        boolean inside = kind == 0 || (kind == 1 ? squares < radiusSquared : domain.contains(position(xs, xAt, d)));
        if (!(max <= blowUp && inside)) {
            StateGuard.check(domain, t, Arrays.copyOfRange(xs, xAt, xAt + d), Arrays.copyOfRange(vs, vAt, vAt + d),
                    steps, blowUp);
        }
    }

    /** x copied out of its array for {@link Domain#contains} (kind 2 only: boxes), into a reused scratch array. */
    private double[] position(double[] xs, int at, int d) {
        if (at == 0 && xs.length == d) {
            return xs;
        }
        if (position.length != d) {
            position = new double[d];
        }
        System.arraycopy(xs, at, position, 0, d);
        return position;
    }
}
