package geo.runtime.bvp;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.api.MetricKernels;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.linalg.Dense;
import geo.runtime.load.Model;
import java.util.Arrays;

/**
 * Logarithms, geodesic distances and their gradients for a metric model.
 * <ul>
 *   <li>log_x(y) by {@link Shooting}; its reverse-mode gradient by the implicit function
 *       theorem: with J = ∂exp_x/∂v at the solution and λ = J⁻ᵀ v̄, ȳ = λ and (x̄, θ̄) are the
 *       gradients of ⟨−λ, exp_x(v)⟩ (one adjoint pass of the exponential map);</li>
 *   <li>d(x, y) = ‖log_x(y)‖_g(x) = √(vᵀ g(x) v);</li>
 *   <li>∇ₓ ½d² = −g(x) v, ∇_y ½d² = g(y) γ'(1), and by the envelope theorem
 *       ∂_θ ½d² = ∫₀¹ ∂_θ L(γ, γ') dt with L = ½ γ'ᵀ g γ', by Simpson's rule on the geodesic.</li>
 * </ul>
 * Owns the model's kernel instances and scratch arrays: not thread-safe, one per thread.
 */
public final class Distances {

    /** Samples (odd) of the geodesic for the θ-gradient quadrature. */
    static final int QUADRATURE_POINTS = 201;

    private final Shooting shooting;
    private final MetricKernels metric;
    private final LagrangianKernels lagrangian;
    private final int d;
    private final int p;
    private final double[] v;
    private final double[] vEnd;
    private final double[] g;
    private final double[] jt;
    private final double[] lambda;
    private final double[] xBar;
    private final double[] vBar;
    private final double[] positions;
    private final double[] velocities;
    private final double[] gx;
    private final double[] gv;
    private final double[] gTheta;
    private final double[] xs;
    private final double[] vs;
    private boolean solved;

    /** For a compiled metric model: new kernel instances of it, integrated with {@code method}. */
    public Distances(Model model, GeodesicMethod method, Shooting.Options options) {
        this(model.acceleration(), model.metric(), model.lagrangian(), method, options);
    }

    public Distances(AccelerationKernels acceleration, MetricKernels metric, LagrangianKernels lagrangian,
                     GeodesicMethod method, Shooting.Options options) {
        this.shooting = new Shooting(acceleration, method, options);
        this.metric = metric;
        this.lagrangian = lagrangian;
        this.d = acceleration.descriptor().dimension();
        this.p = acceleration.descriptor().parameterCount();
        v = new double[d];
        vEnd = new double[d];
        g = new double[d * d];
        jt = new double[d * d];
        lambda = new double[d];
        xBar = new double[d];
        vBar = new double[d];
        positions = new double[QUADRATURE_POINTS * d];
        velocities = new double[QUADRATURE_POINTS * d];
        gx = new double[d];
        gv = new double[d];
        gTheta = new double[p];
        xs = new double[d];
        vs = new double[d];
    }

    public Shooting shooting() {
        return shooting;
    }

    /** log_x(y) into {@code out} (overwritten; the best iterate when not converged). */
    public LogResult log(double[] x, double[] y, double[] theta, double[] out) {
        LogResult r = shooting.log(x, y, theta, v);
        System.arraycopy(v, 0, out, 0, d);
        solved = r.converged();
        return r;
    }

    /**
     * d(x, y). The result's status says whether the logarithm behind it converged; the distance of
     * an unconverged solve is NaN, never a plausible-looking number.
     */
    public Distance distance(double[] x, double[] y, double[] theta) {
        LogResult r = shooting.log(x, y, theta, v);
        solved = r.converged();
        if (!r.converged()) {
            return new Distance(Double.NaN, r);
        }
        return new Distance(Math.sqrt(2 * metric.energy(x, v, theta)), r);
    }

    /**
     * d(x, y) and its gradients ∂d/∂x, ∂d/∂y (length d) and ∂d/∂θ (length P), all overwritten
     * (with NaN when the logarithm did not converge; with 0 when x = y, where d is not differentiable).
     */
    public Distance distanceGradient(double[] x, double[] y, double[] theta, double[] dx, double[] dy,
                                     double[] dTheta) {
        Distance r = distance(x, y, theta);
        if (!r.converged() || r.value() == 0) {
            double fill = r.converged() ? 0 : Double.NaN;
            Arrays.fill(dx, fill);
            Arrays.fill(dy, fill);
            Arrays.fill(dTheta, fill);
            return r;
        }
        double dist = r.value();
        metric.metric(x, theta, g);
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += g[i * d + j] * v[j];
            }
            dx[i] = -s / dist;
        }
        shooting.tape().endVelocity(vEnd);
        metric.metric(y, theta, g);
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += g[i * d + j] * vEnd[j];
            }
            dy[i] = s / dist;
        }
        halfSquaredThetaGradient(x, theta, dTheta);
        for (int k = 0; k < p; k++) {
            dTheta[k] /= dist;
        }
        return r;
    }

    /** ∂_θ ½d² = ∫₀¹ ∂_θ L(γ, γ') dt along the geodesic from x with velocity v (Simpson's rule). */
    private void halfSquaredThetaGradient(double[] x, double[] theta, double[] out) {
        shooting.geodesics().path(x, v, theta, QUADRATURE_POINTS, positions, velocities);
        Arrays.fill(out, 0);
        double h = 1.0 / (QUADRATURE_POINTS - 1);
        for (int k = 0; k < QUADRATURE_POINTS; k++) {
            System.arraycopy(positions, k * d, xs, 0, d);
            System.arraycopy(velocities, k * d, vs, 0, d);
            lagrangian.lagrangianGradient(k * h, xs, vs, theta, gx, gv, gTheta);
            double w = (k == 0 || k == QUADRATURE_POINTS - 1 ? 1 : k % 2 == 1 ? 4 : 2) * h / 3;
            for (int i = 0; i < p; i++) {
                out[i] += w * gTheta[i];
            }
        }
    }

    /**
     * Geodesic interpolation γ(t) = exp_x(t · log_x(y)) for t in [0, 1] (0 gives x, 1 gives y).
     *
     * @param out the point, length d (overwritten; NaN when the logarithm did not converge)
     */
    public LogResult interpolate(double[] x, double[] y, double t, double[] theta, double[] out) {
        LogResult r = log(x, y, theta, vs);
        if (!r.converged()) {
            Arrays.fill(out, Double.NaN);
            return r;
        }
        for (int i = 0; i < d; i++) {
            vs[i] *= t;
        }
        shooting.geodesics().exp(x, vs, theta, out, null);
        return r;
    }

    /**
     * The reverse-mode gradient of the last {@link #log} (or distance) solve: given v̄, the
     * cotangent of v = log_x(y), writes x̄, ȳ (length d) and θ̄ (length P), all overwritten.
     *
     * @throws IllegalStateException if the last solve did not converge
     */
    public void logBackward(double[] vBarIn, double[] xBarOut, double[] yBarOut, double[] thetaBarOut) {
        if (!solved) {
            throw new IllegalStateException("the last logarithm did not converge: it has no gradient");
        }
        shooting.lastJacobian(g);
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                jt[k * d + i] = g[i * d + k];
            }
        }
        System.arraycopy(vBarIn, 0, lambda, 0, d);
        if (!Dense.solve(jt, lambda, d)) {
            throw new IllegalStateException("the exponential map is singular at the solution: log has no gradient");
        }
        System.arraycopy(lambda, 0, yBarOut, 0, d);
        for (int i = 0; i < d; i++) {
            lambda[i] = -lambda[i];
        }
        shooting.tape().backward(lambda, null, xBar, vBar, thetaBarOut);
        System.arraycopy(xBar, 0, xBarOut, 0, d);
    }

    /** A distance and the logarithm solve it came from. */
    public record Distance(double value, LogResult log) {
        public boolean converged() {
            return log.converged();
        }
    }
}
