package geo.runtime.manifold.closed;

import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.RiemannianSpace;

/**
 * The Poincaré ball of curvature −1: the open unit ball of Rᵈ with
 * <pre>
 *   d(x, y) = arccosh(1 + u),   u = 2‖x − y‖² / (α β),   α = 1 − ‖x‖²,   β = 1 − ‖y‖²
 *   ∂d/∂x   = 4 / (α β √(u(u + 2))) · ((x − y) + ‖x − y‖² x / α)
 * </pre>
 * and ∂d/∂y by symmetry. u is formed from ‖x − y‖² directly, so nearby points keep their
 * relative accuracy. {@link #project} pulls points back inside the ball of radius 1 − 10⁻⁵.
 *
 * <p>For Riemannian optimisation, with the conformal factor λ_x = 2/(1 − ‖x‖²) (the metric is
 * λ_x² times the Euclidean one) and Möbius addition
 * x ⊕ y = ((1 + 2x·y + ‖y‖²) x + (1 − ‖x‖²) y) / (1 + 2x·y + ‖x‖²‖y‖²) (Ganea et al., 2018):
 * <pre>
 *   grad E = ∂E/∂x / λ_x²,   exp_x(u) = x ⊕ tanh(λ_x‖u‖/2) u/‖u‖,   P_{x→y}(w) = (λ_x/λ_y) gyr[y, −x] w
 * </pre>
 * with the gyration gyr[a, b] c = −(a ⊕ b) ⊕ (a ⊕ (b ⊕ c)), evaluated in closed form.
 */
public final class PoincareBall extends ClosedFormSpace implements RiemannianSpace {

    /** Radius of the closed ball {@link #project} keeps points in (distances to the origin ≤ 12.9). */
    public static final double MAX_NORM = 1 - 1e-5;

    /** @param dimension d ≥ 1 */
    public PoincareBall(int dimension) {
        super("poincare", dimension);
    }

    /** The distance above; writes gx and gy. UNDEFINED for a point outside the open ball (gradients untouched). */
    @Override
    public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                           double[] gTheta) {
        double xx = 0;
        double yy = 0;
        double dd = 0;
        for (int a = 0; a < x.length; a++) {
            xx += x[a] * x[a];
            yy += y[a] * y[a];
            double t = x[a] - y[a];
            dd += t * t;
        }
        double alpha = 1 - xx;
        double beta = 1 - yy;
        if (!(alpha > 0 && beta > 0)) {
            return undefined("a point is not inside the open unit ball");
        }
        if (dd == 0) {
            return coincident(gx, gy, gTheta);
        }
        double u = 2 * dd / (alpha * beta);
        double root = Math.sqrt(u * (u + 2));
        double c = 4 / (alpha * beta * root);
        for (int a = 0; a < x.length; a++) {
            double t = x[a] - y[a];
            gx[a] = c * (t + dd * x[a] / alpha);
            gy[a] = c * (-t + dd * y[a] / beta);
        }
        return checked(acosh1p(u), gx, gy, gTheta);
    }

    @Override
    public double riemannianGradient(double[] x, double[] g) {
        double lambda = 2 / (1 - dot(x, x));
        double f = 1 / (lambda * lambda);
        double squares = 0;
        for (int a = 0; a < g.length; a++) {
            squares += g[a] * g[a];
            g[a] *= f;
        }
        return squares * f;
    }

    /** exp_x(u) = x ⊕ f u with f = tanh(λ_x‖u‖/2)/‖u‖, the Möbius sum written out (no scratch arrays). */
    @Override
    public void exponential(double[] x, double[] u) {
        double uu = dot(u, u);
        if (uu == 0) {
            return;
        }
        double xx = dot(x, x);
        double norm = Math.sqrt(uu);
        double f = Math.tanh(norm / (1 - xx)) / norm;
        double xy = f * dot(x, u);
        double yy = f * f * uu;
        double cx = (1 + 2 * xy + yy) / (1 + 2 * xy + xx * yy);
        double cy = (1 - xx) * f / (1 + 2 * xy + xx * yy);
        for (int a = 0; a < x.length; a++) {
            x[a] = cx * x[a] + cy * u[a];
        }
        project(x);
    }

    /**
     * (λ_x/λ_y) gyr[y, −x] w, with the gyration in closed form (Ungar):
     * gyr[a, b] w = w + 2 (A a + B b) / D, A = −(a·w)‖b‖² + b·w + 2 (a·b)(b·w),
     * B = −(b·w)‖a‖² − a·w, D = 1 + 2 a·b + ‖a‖²‖b‖².
     */
    @Override
    public void transport(double[] x, double[] y, double[] w) {
        // a = y, b = −x
        double aa = dot(y, y);
        double bb = dot(x, x);
        double ab = -dot(y, x);
        double aw = dot(y, w);
        double bw = -dot(x, w);
        double big = -aw * bb + bw + 2 * ab * bw;
        double small = -bw * aa - aw;
        double den = 1 + 2 * ab + aa * bb;
        double f = (1 - aa) / (1 - bb);
        for (int c = 0; c < w.length; c++) {
            w[c] = f * (w[c] + 2 * (big * y[c] - small * x[c]) / den);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Scales x (in place) onto the sphere of radius {@link #MAX_NORM} if it lies beyond it. */
    @Override
    public void project(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        if (s > MAX_NORM * MAX_NORM) {
            double f = MAX_NORM / Math.sqrt(s);
            for (int a = 0; a < x.length; a++) {
                x[a] *= f;
            }
        }
    }
}
