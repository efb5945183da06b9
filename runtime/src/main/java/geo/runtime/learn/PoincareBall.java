package geo.runtime.learn;

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
 * with the gyration gyr[a, b] c = −(a ⊕ b) ⊕ (a ⊕ (b ⊕ c)).
 */
public final class PoincareBall extends ClosedFormSpace {

    /** Radius of the closed ball {@link #project} keeps points in (distances to the origin ≤ 12.9). */
    public static final double MAX_NORM = 1 - 1e-5;

    /** @param dimension d ≥ 1 */
    public PoincareBall(int dimension) {
        super("poincare", dimension);
    }

    /** The distance above; writes gx and gy. NaN (and NaN gradients) for a point outside the open ball. */
    @Override
    public double distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
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
            return undefined(gx, gy, gTheta);
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
        return acosh1p(u);
    }

    @Override
    public boolean riemannian() {
        return true;
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

    @Override
    public void exponential(double[] x, double[] u) {
        double norm = Math.sqrt(dot(u, u));
        if (norm == 0) {
            return;
        }
        double lambda = 2 / (1 - dot(x, x));
        double f = Math.tanh(lambda * norm / 2) / norm;
        double[] step = new double[x.length];
        for (int a = 0; a < x.length; a++) {
            step[a] = f * u[a];
        }
        mobiusAdd(x, step, x);
        project(x);
    }

    @Override
    public void transport(double[] x, double[] y, double[] w) {
        double[] minusX = new double[x.length];
        for (int a = 0; a < x.length; a++) {
            minusX[a] = -x[a];
        }
        // gyr[y, −x] w = −(y ⊕ −x) ⊕ (y ⊕ (−x ⊕ w))
        double[] inner = new double[x.length];
        mobiusAdd(minusX, w, inner);
        mobiusAdd(y, inner, inner);
        double[] sum = new double[x.length];
        mobiusAdd(y, minusX, sum);
        for (int a = 0; a < x.length; a++) {
            sum[a] = -sum[a];
        }
        mobiusAdd(sum, inner, w);
        double f = (1 - dot(y, y)) / (1 - dot(x, x));
        for (int a = 0; a < w.length; a++) {
            w[a] *= f;
        }
    }

    /** out = x ⊕ y (out may be x or y). */
    static void mobiusAdd(double[] x, double[] y, double[] out) {
        double xy = dot(x, y);
        double xx = dot(x, x);
        double yy = dot(y, y);
        double cx = 1 + 2 * xy + yy;
        double cy = 1 - xx;
        double den = 1 + 2 * xy + xx * yy;
        for (int a = 0; a < out.length; a++) {
            out[a] = (cx * x[a] + cy * y[a]) / den;
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
