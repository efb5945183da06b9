package geo.runtime.learn;

/**
 * The Poincaré ball of curvature −1: the open unit ball of Rᵈ with
 * <pre>
 *   d(x, y) = arccosh(1 + u),   u = 2‖x − y‖² / (α β),   α = 1 − ‖x‖²,   β = 1 − ‖y‖²
 *   ∂d/∂x   = 4 / (α β √(u(u + 2))) · ((x − y) + ‖x − y‖² x / α)
 * </pre>
 * and ∂d/∂y by symmetry. u is formed from ‖x − y‖² directly, so nearby points keep their
 * relative accuracy. {@link #project} pulls points back inside the ball of radius 1 − 10⁻⁵.
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
