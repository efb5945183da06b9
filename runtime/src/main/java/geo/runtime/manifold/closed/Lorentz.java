package geo.runtime.manifold.closed;

import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.RiemannianSpace;

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
 *
 * <p>For Riemannian optimisation: in these coordinates the metric is G(x) = I − x xᵀ/x₀², so
 * grad E = G⁻¹ ∂E/∂x = ∂E/∂x + x (x·∂E/∂x). A coordinate velocity u at x is the tangent vector
 * U = (x·u/x₀, u) of the hyperboloid, of length ‖U‖ = √(‖u‖² − (x·u/x₀)²), and
 * <pre>
 *   exp_x(u) = cosh‖U‖ x + sinh‖U‖ u/‖U‖          (the spatial part of cosh‖U‖ X + sinh‖U‖ U/‖U‖)
 *   P_{x→y}(w) = w + ⟨Y, W⟩ / (1 − ⟨X, Y⟩) (x + y)  (the spatial part of the hyperboloid's transport)
 * </pre>
 */
public final class Lorentz extends ClosedFormSpace implements RiemannianSpace {

    /** @param dimension d ≥ 1, the spatial dimension (the hyperboloid lies in R^(d+1)) */
    public Lorentz(int dimension) {
        super("lorentz", dimension);
    }

    /** The distance above; writes gx and gy (NOT_FINITE when u, d or they are not finite: huge or non-finite coordinates). */
    @Override
    public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
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
        if (Double.isNaN(u)) {
            // a coordinate that is not finite, or so large that ‖x‖² overflows
            return PairDistance.failed(PairDistance.Status.NOT_FINITE, name() + ": u = " + u + " is not a number");
        }
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
        return checked(acosh1p(u), gx, gy, gTheta);
    }

    @Override
    public double riemannianGradient(double[] x, double[] g) {
        double xg = 0;
        double gg = 0;
        for (int a = 0; a < x.length; a++) {
            xg += x[a] * g[a];
            gg += g[a] * g[a];
        }
        for (int a = 0; a < x.length; a++) {
            g[a] += x[a] * xg;
        }
        return gg + xg * xg;
    }

    @Override
    public void exponential(double[] x, double[] u) {
        double xx = 0;
        double xu = 0;
        double uu = 0;
        for (int a = 0; a < x.length; a++) {
            xx += x[a] * x[a];
            xu += x[a] * u[a];
            uu += u[a] * u[a];
        }
        double n = Math.sqrt(Math.max(0, uu - xu * xu / (1 + xx)));
        double c = Math.cosh(n);
        // sinh(n)/n → 1 as n → 0
        double s = n < 1e-8 ? 1 + n * n / 6 : Math.sinh(n) / n;
        for (int a = 0; a < x.length; a++) {
            x[a] = c * x[a] + s * u[a];
        }
    }

    @Override
    public void transport(double[] x, double[] y, double[] w) {
        double xx = 0;
        double yy = 0;
        double xy = 0;
        double xw = 0;
        double yw = 0;
        for (int a = 0; a < x.length; a++) {
            xx += x[a] * x[a];
            yy += y[a] * y[a];
            xy += x[a] * y[a];
            xw += x[a] * w[a];
            yw += y[a] * w[a];
        }
        double x0 = Math.sqrt(1 + xx);
        double y0 = Math.sqrt(1 + yy);
        // ⟨Y, W⟩ with W = (x·w/x₀, w), and ⟨X, Y⟩ = −x₀y₀ + x·y
        double yW = -y0 * xw / x0 + yw;
        double c = yW / (1 + x0 * y0 - xy);
        for (int a = 0; a < w.length; a++) {
            w[a] += c * (x[a] + y[a]);
        }
    }
}
