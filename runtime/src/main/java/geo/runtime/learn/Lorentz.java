package geo.runtime.learn;

/**
 * The hyperboloid model of curvature −1, parametrised by the d spatial coordinates x ∈ Rᵈ of
 * the point (x₀, x) with x₀ = √(1 + ‖x‖²), so an unconstrained optimiser such as Adam can move
 * points freely (no projection, no tangent-space steps). With the Lorentz product
 * ⟨X, Y⟩ = −x₀y₀ + x·y:
 * <pre>
 *   d(x, y) = arccosh(−⟨X, Y⟩) = arccosh(1 + u),   u = x₀y₀ − x·y − 1 = ½(‖x − y‖² − (x₀ − y₀)²)
 *   x₀ − y₀ = (x − y)·(x + y) / (x₀ + y₀)
 *   ∂d/∂x   = (y₀ x / x₀ − y) / √(u(u + 2)) = ((x − y) − x (x₀ − y₀)/x₀) / √(u(u + 2))
 * </pre>
 * The second forms avoid the cancellation of x₀y₀ − x·y − 1 between nearby points.
 */
public final class Lorentz extends ClosedFormSpace {

    /** @param dimension d ≥ 1, the spatial dimension (the hyperboloid lies in R^(d+1)) */
    public Lorentz(int dimension) {
        super("lorentz", dimension);
    }

    /** The distance above; writes gx and gy. */
    @Override
    public double distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                           double[] gTheta) {
        double xx = 0;
        double yy = 0;
        double dd = 0;
        double cross = 0;
        for (int a = 0; a < x.length; a++) {
            xx += x[a] * x[a];
            yy += y[a] * y[a];
            double t = x[a] - y[a];
            dd += t * t;
            cross += t * (x[a] + y[a]);
        }
        double x0 = Math.sqrt(1 + xx);
        double y0 = Math.sqrt(1 + yy);
        double dx0 = cross / (x0 + y0);
        double u = 0.5 * (dd - dx0 * dx0);
        if (!(u > 0)) {
            // x = y, or points so far out that rounding ate their separation: d is 0 to working precision
            return coincident(gx, gy, gTheta);
        }
        double root = Math.sqrt(u * (u + 2));
        for (int a = 0; a < x.length; a++) {
            double t = x[a] - y[a];
            gx[a] = (t - x[a] * dx0 / x0) / root;
            gy[a] = (-t + y[a] * dx0 / y0) / root;
        }
        return acosh1p(u);
    }
}
