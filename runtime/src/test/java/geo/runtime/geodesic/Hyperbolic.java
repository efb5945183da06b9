package geo.runtime.geodesic;

/** Closed forms of the Poincaré ball (curvature −1, g = λ(x)² I with λ = 2/(1 − |x|²)). */
final class Hyperbolic {

    private Hyperbolic() {
    }

    /** Möbius addition x ⊕ y. */
    static double[] mobiusAdd(double[] x, double[] y) {
        double xy = dot(x, y);
        double xx = dot(x, x);
        double yy = dot(y, y);
        double den = 1 + 2 * xy + xx * yy;
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = ((1 + 2 * xy + yy) * x[i] + (1 - xx) * y[i]) / den;
        }
        return r;
    }

    /** exp_x(v) = x ⊕ (tanh(λ(x)|v|/2) v/|v|). */
    static double[] exp(double[] x, double[] v) {
        double n = Math.sqrt(dot(v, v));
        double lambda = 2 / (1 - dot(x, x));
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            u[i] = Math.tanh(lambda * n / 2) * v[i] / n;
        }
        return mobiusAdd(x, u);
    }

    /** d(x, y) = arccosh(1 + 2|x − y|² / ((1 − |x|²)(1 − |y|²))). */
    static double distance(double[] x, double[] y) {
        double diff = 0;
        for (int i = 0; i < x.length; i++) {
            diff += (x[i] - y[i]) * (x[i] - y[i]);
        }
        double z = 1 + 2 * diff / ((1 - dot(x, x)) * (1 - dot(y, y)));
        return Math.log(z + Math.sqrt(z * z - 1));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
