package geo.cli.common.figure;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.Domain;
import geo.runtime.ode.AccelerationFlow;
import geo.runtime.ode.AdaptiveOptions;
import geo.runtime.ode.DormandPrince54;
import geo.runtime.ode.IntegrationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Integrates a geodesic for drawing: DOPRI5 with its dense output sampled finely enough for a smooth
 * polyline, and — unlike {@link geo.runtime.geodesic.Geodesics#exp}, which only reports a failure —
 * keeping the part of a path that was computed before it failed. A path that leaves the domain is
 * drawn up to the boundary point the integrator located; one that fails otherwise (blow-up, a
 * kernel failing, too many steps) up to its last accepted step. Not thread-safe.
 */
final class GeodesicTracer {

    /** Tight enough that a curve is exact at screen resolution, loose enough for a fan to be quick. */
    static final AdaptiveOptions OPTIONS = AdaptiveOptions.of(1e-10, 1e-10).withMaxSteps(20_000);

    /** Polyline vertices per unit of the integration interval, at the least. */
    private static final int SAMPLES = 400;

    private final int d;
    private final AccelerationFlow flow;
    private final DormandPrince54 dopri;
    private final double[] state;

    /**
     * A path traced to its end or to where it failed.
     *
     * @param states  the states [x; v] along the path (length 2d each), in order, the first the start
     * @param failure why the path stopped early, or null when it reached its end
     */
    record Trace(List<double[]> states, IntegrationException failure) {
        boolean complete() {
            return failure == null;
        }
    }

    /** Geodesics of {@code kernels} with parameters θ (referenced), stopped when they leave {@code domain}. */
    GeodesicTracer(AccelerationKernels kernels, double[] theta, Domain domain) {
        this.d = kernels.descriptor().dimension();
        this.flow = new AccelerationFlow(kernels, theta, domain);
        this.dopri = new DormandPrince54(flow, OPTIONS);
        this.state = new double[2 * d];
    }

    /** The geodesic from x with initial velocity v over t ∈ [0, tEnd]; never throws an IntegrationException. */
    Trace trace(double[] x, double[] v, double tEnd) {
        List<double[]> states = new ArrayList<>();
        double[] y = new double[2 * d];
        System.arraycopy(x, 0, y, 0, d);
        System.arraycopy(v, 0, y, d, d);
        states.add(y.clone());
        double spacing = tEnd / SAMPLES;
        double[] last = {0};
        try {
            dopri.integrate(0, y, tEnd, (tPrevious, t, yNow, dense) -> {
                sample(tPrevious, t, spacing, states);
                states.add(yNow.clone());
                last[0] = t;
            });
            return new Trace(states, null);
        } catch (IntegrationException e) {
            if (e.reason() == IntegrationException.Reason.LEFT_DOMAIN) {
                // The step that crossed the boundary was accepted; its dense output is still valid up to the crossing.
                sample(last[0], e.time(), spacing, states);
                states.add(e.state());
            }
            return new Trace(states, e);
        }
    }

    /** Dense-output states strictly inside (from, to), at most {@code spacing} apart. */
    private void sample(double from, double to, double spacing, List<double[]> out) {
        int pieces = (int) Math.ceil((to - from) / spacing);
        for (int k = 1; k < pieces; k++) {
            dopri.interpolate(from + (to - from) * k / pieces, state);
            out.add(state.clone());
        }
    }
}
