package geo.runtime.bvp;

import geo.runtime.api.Domain;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.ode.IntegrationException;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.Objective;
import java.util.Arrays;

/**
 * Initial guesses for a shorter geodesic when the one found has a conjugate point, by discrete
 * path-energy minimisation: the path x = p₀, p₁, …, p_N = y (N = {@value #SEGMENTS}) minimises
 * <pre>
 *   E(p) = Σ_k h · L(m_k, (p_{k+1} − p_k)/h),   h = 1/N,  m_k = (p_k + p_{k+1})/2,
 * </pre>
 * L = ½ vᵀ g v the model's Lagrangian (the midpoint rule for the energy ∫₀¹ L dt, whose minimisers
 * are the geodesics parametrised by arc length), over p₁ … p_{N−1}, by L-BFGS, with E = +∞ when a
 * point leaves the domain. A geodesic with a conjugate point is a saddle of the energy, so the
 * starts are its own path pushed sideways by δ sin(πt) along ± each coordinate direction, δ =
 * {@value #PUSH} of the chord's length (and the chord itself); descent from there slides off the
 * saddle. Each minimiser's initial velocity (p₁ − p₀)/h, to second order (−3p₀ + 4p₁ − p₂)/(2h),
 * is a guess for Newton's method. Allocates; used only when a geodesic is not certified.
 */
final class PathSearch {

    /** Segments of the discrete path. */
    static final int SEGMENTS = 16;

    /** The sideways push of a start, relative to the chord |y − x| (in coordinates). */
    static final double PUSH = 0.25;

    private final Geodesics geodesics;
    private final LagrangianKernels lagrangian;
    private final Domain domain;
    private final int d;
    private final int p;

    PathSearch(Geodesics geodesics, LagrangianKernels lagrangian, Domain domain, int parameterCount) {
        this.geodesics = geodesics;
        this.lagrangian = lagrangian;
        this.domain = domain;
        this.d = geodesics.dimension();
        this.p = parameterCount;
    }

    /** The number of starts {@link #guess} tries: the chord and two pushes per coordinate. */
    int starts() {
        return 1 + 2 * d;
    }

    /**
     * The guess of start {@code k} (0: the chord; 2i + 1, 2i + 2: the geodesic from x with
     * velocity {@code vFound} pushed along ±e_i) into {@code out}; false when the minimisation
     * gave no usable path.
     */
    boolean guess(int k, double[] x, double[] y, double[] vFound, double[] theta, double[] out) {
        return minimise(k, x, y, vFound, theta, new double[(SEGMENTS + 1) * d], out);
    }

    /**
     * Start 0 of {@link #guess} (the chord), also leaving the minimising path p₀ … p_N in
     * {@code path} (row k at offset k·d, length (N + 1)·d), for continuation along it.
     */
    boolean chordPath(double[] x, double[] y, double[] theta, double[] path, double[] out) {
        return minimise(0, x, y, null, theta, path, out);
    }

    private boolean minimise(int k, double[] x, double[] y, double[] vFound, double[] theta, double[] path,
                             double[] out) {
        int n = SEGMENTS;
        double chord = 0;
        for (int i = 0; i < d; i++) {
            chord += (y[i] - x[i]) * (y[i] - x[i]);
        }
        chord = Math.sqrt(chord);
        if (k == 0) {
            for (int j = 0; j <= n; j++) {
                for (int i = 0; i < d; i++) {
                    path[j * d + i] = x[i] + (y[i] - x[i]) * j / n;
                }
            }
        } else {
            try {
                geodesics.path(x, vFound, theta, n + 1, path, null);
            } catch (IntegrationException | ArithmeticException e) {
                return false;
            }
            int axis = (k - 1) / 2;
            double sign = (k - 1) % 2 == 0 ? 1 : -1;
            for (int j = 1; j < n; j++) {
                path[j * d + axis] += sign * PUSH * chord * Math.sin(Math.PI * j / n);
            }
        }
        // The ends are exact: the geodesic's sampled end is the solver's, y is the target.
        System.arraycopy(x, 0, path, 0, d);
        System.arraycopy(y, 0, path, n * d, d);
        double[] interior = new double[(n - 1) * d];
        System.arraycopy(path, d, interior, 0, interior.length);
        Energy energy = new Energy(path, theta);
        new Lbfgs(Lbfgs.Settings.defaults().withMaxIterations(300).withMaxEvaluations(1500)
                .withGradientTolerance(1e-9)).minimize(energy, interior);
        if (!Double.isFinite(energy.valueAndGradient(interior, new double[interior.length]))) {
            return false;
        }
        System.arraycopy(interior, 0, path, d, interior.length);
        double h = 1.0 / n;
        for (int i = 0; i < d; i++) {
            out[i] = (-3 * x[i] + 4 * interior[i] - interior[d + i]) / (2 * h);
        }
        return finite(out);
    }

    private static boolean finite(double[] a) {
        for (double ai : a) {
            if (!Double.isFinite(ai)) {
                return false;
            }
        }
        return true;
    }

    /** E(p) and its gradient over the interior points, the ends fixed. */
    private final class Energy implements Objective {
        private final double[] path;
        private final double[] theta;
        private final double[] mid = new double[d];
        private final double[] vel = new double[d];
        private final double[] gx = new double[d];
        private final double[] gv = new double[d];
        private final double[] gTheta = new double[p];

        Energy(double[] path, double[] theta) {
            this.path = path;
            this.theta = theta;
        }

        @Override
        public double valueAndGradient(double[] interior, double[] grad) {
            int n = SEGMENTS;
            double h = 1.0 / n;
            System.arraycopy(interior, 0, path, d, interior.length);
            Arrays.fill(grad, 0);
            double e = 0;
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < d; i++) {
                    mid[i] = 0.5 * (path[k * d + i] + path[(k + 1) * d + i]);
                    vel[i] = (path[(k + 1) * d + i] - path[k * d + i]) / h;
                }
                if (!domain.contains(mid) || (k > 0 && !domain.contains(point(k)))) {
                    return Double.POSITIVE_INFINITY;
                }
                double l;
                try {
                    l = lagrangian.lagrangianGradient(0, mid, vel, theta, gx, gv, gTheta);
                } catch (ArithmeticException ex) {
                    return Double.POSITIVE_INFINITY;
                }
                e += h * l;
                // ∂/∂p_k of h·L(m_k, (p_{k+1} − p_k)/h) = h (½ gx − gv/h); of p_{k+1}: h (½ gx + gv/h).
                for (int i = 0; i < d; i++) {
                    if (k > 0) {
                        grad[(k - 1) * d + i] += h * 0.5 * gx[i] - gv[i];
                    }
                    if (k + 1 < n) {
                        grad[k * d + i] += h * 0.5 * gx[i] + gv[i];
                    }
                }
            }
            return Double.isFinite(e) ? e : Double.POSITIVE_INFINITY;
        }

        private double[] point(int k) {
            double[] q = new double[d];
            System.arraycopy(path, k * d, q, 0, d);
            return q;
        }
    }
}
