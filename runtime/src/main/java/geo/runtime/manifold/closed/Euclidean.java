package geo.runtime.manifold.closed;

import geo.runtime.manifold.PairDistance;
/** Rᵈ with d(x, y) = ‖x − y‖ and ∂d/∂x = (x − y)/d = −∂d/∂y (zero at x = y). */
public final class Euclidean extends ClosedFormSpace {

    /** @param dimension d ≥ 1 */
    public Euclidean(int dimension) {
        super("euclidean", dimension);
    }

    /** ‖x − y‖; writes gx and gy (gTheta is empty); NOT_FINITE when ‖x − y‖ overflows. */
    @Override
    public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                           double[] gTheta) {
        double s = 0;
        for (int a = 0; a < x.length; a++) {
            double t = x[a] - y[a];
            s += t * t;
        }
        if (s == 0) {
            return coincident(gx, gy, gTheta);
        }
        double d = Math.sqrt(s);
        for (int a = 0; a < x.length; a++) {
            gx[a] = (x[a] - y[a]) / d;
            gy[a] = -gx[a];
        }
        return checked(d, gx, gy, gTheta);
    }
}
