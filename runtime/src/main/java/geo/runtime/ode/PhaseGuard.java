package geo.runtime.ode;

import geo.runtime.api.Domain;
import java.util.Arrays;

/**
 * The per-step check of (x, v) in the hot loop of {@link AccelerationRungeKutta}: one fused pass
 * computes max(|xᵢ|, |vᵢ|) and, for a ball, |x|² (in the order {@link Domain#contains} sums it, so
 * both agree exactly), without the string dispatch of {@link Domain#contains}. Only when this fast
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
        this.kind = domain.kind().equals("none") ? 0 : domain.kind().equals("ball") ? 1 : 2;
        this.radiusSquared = domain.radius() * domain.radius();
    }

    /**
     * @throws IntegrationException with reason NOT_FINITE, BLOW_UP or LEFT_DOMAIN
     */
    void check(double t, double[] x, double[] v, int steps) {
        double max = 0;
        double squares = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            max = Math.max(max, Math.max(Math.abs(xi), Math.abs(v[i])));
            squares += xi * xi;
        }
        // max <= blowUp is false for NaN as well as for a blow-up.
        boolean inside = kind == 0 || (kind == 1 ? squares < radiusSquared : domain.contains(x));
        if (!(max <= blowUp && inside)) {
            StateGuard.check(domain, t, x, v, steps, blowUp);
        }
    }

    private double[] position(double[] y, int at, int d) {
        if (position.length != d) {
            position = new double[d];
        }
        System.arraycopy(y, at, position, 0, d);
        return position;
    }

    /**
     * As {@link #check(double, double[], double[], int)} for x = y[at, at + d) and
     * v = y[at + d, at + 2d).
     */
    void check(double t, double[] y, int at, int d, int steps) {
        double max = 0;
        double squares = 0;
        for (int i = 0; i < d; i++) {
            double xi = y[at + i];
            max = Math.max(max, Math.max(Math.abs(xi), Math.abs(y[at + d + i])));
            squares += xi * xi;
        }
        boolean inside = kind == 0 || (kind == 1 ? squares < radiusSquared : domain.contains(position(y, at, d)));
        if (!(max <= blowUp && inside)) {
            StateGuard.check(domain, t, Arrays.copyOfRange(y, at, at + d), Arrays.copyOfRange(y, at + d, at + 2 * d),
                    steps, blowUp);
        }
    }
}
