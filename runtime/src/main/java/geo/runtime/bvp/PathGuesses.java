package geo.runtime.bvp;

import geo.runtime.api.Domain;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.load.Model;

/**
 * A first guess for log_x(y) that does not come from the straight line: the initial velocity of
 * the discrete path of least energy from x to y ({@link PathSearch}: {@value PathSearch#SEGMENTS}
 * segments, the midpoint rule for ∫₀¹ ½ γ'ᵀ g(γ) γ' dt, minimised by L-BFGS from the chord). For a
 * pair whose Newton shooting fails from the straight line (and with continuation), a start near
 * the minimising geodesic, which the caller then solves by shooting warm-started from this guess
 * with the conjugate-point check (so a result is certified as any other). Allocates; meant for the
 * few pairs that failed otherwise. Not thread-safe: one instance per thread.
 */
public final class PathGuesses {

    private final PathSearch search;
    private final double[] none;

    /**
     * For a compiled metric model: new kernel instances, the path sampled by {@code method} (only
     * the chord start is used, so the method matters only for the domain checks).
     *
     */
    public PathGuesses(Model model, GeodesicMethod method) {
        Domain domain = model.descriptor().domain();
        this.search = new PathSearch(new Geodesics(model.acceleration(), method, domain), model.lagrangian(), domain,
                model.descriptor().parameterCount());
        this.none = new double[model.dimension()];
    }

    /**
     * The guess from the energy minimiser started at the chord x → y into {@code v}; false when the
     * minimisation gave no usable path (then {@code v} is unspecified).
     */
    public boolean fromChord(double[] x, double[] y, double[] theta, double[] v) {
        return search.guess(0, x, y, none, theta, v);
    }
}
