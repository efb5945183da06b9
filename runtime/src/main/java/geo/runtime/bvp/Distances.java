package geo.runtime.bvp;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.api.MetricKernels;
import geo.runtime.geodesic.ExpTape;
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

    /** Samples (odd) of the geodesic for the θ-gradient quadrature, by default. */
    public static final int QUADRATURE_POINTS = 201;

    /**
     * As the number of quadrature points: Simpson's rule on the RK4 mesh of the converged shot
     * itself (RK4 with an even number of steps n, so n + 1 points), read from the shooting tape
     * without integrating again; the quadrature error is then O(n⁻⁴), as the integrator's.
     */
    public static final int MESH = 0;

    private final Shooting shooting;
    private final Certifier certifier;
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
    private final int quadraturePoints;
    private final DistanceCheck check;
    private final double[] end;
    private final double[] yImage;
    private boolean checkAccuracy = true;
    private double lastError = Double.NaN;
    private boolean solved;

    /** For a compiled metric model: new kernel instances of it, integrated with {@code method}. */
    public Distances(Model model, GeodesicMethod method, Shooting.Options options) {
        this(model, method, options, QUADRATURE_POINTS);
    }

    /**
     * As {@link #Distances(Model, GeodesicMethod, Shooting.Options)} with the number of samples of
     * the geodesic for the θ-gradient quadrature: an odd number ≥ 3, or {@link #MESH}.
     */
    public Distances(Model model, GeodesicMethod method, Shooting.Options options, int quadraturePoints) {
        this(model.acceleration(), model.metric(), model.lagrangian(), method, options, quadraturePoints);
    }

    public Distances(AccelerationKernels acceleration, MetricKernels metric, LagrangianKernels lagrangian,
                     GeodesicMethod method, Shooting.Options options) {
        this(acceleration, metric, lagrangian, method, options, QUADRATURE_POINTS);
    }

    /**
     * @param quadraturePoints an odd number ≥ 3 of geodesic samples for the θ-gradient, or
     *                         {@link #MESH} (only with RK4 and an even number of steps)
     */
    public Distances(AccelerationKernels acceleration, MetricKernels metric, LagrangianKernels lagrangian,
                     GeodesicMethod method, Shooting.Options options, int quadraturePoints) {
        if (quadraturePoints == MESH ? method.adaptive() || method.steps() % 2 != 0
                : quadraturePoints < 3 || quadraturePoints % 2 == 0) {
            throw new IllegalArgumentException("the quadrature needs an odd number ≥ 3 of points, or MESH with RK4 "
                    + "and an even number of steps; got " + quadraturePoints + " with " + method);
        }
        this.quadraturePoints = quadraturePoints;
        this.shooting = new Shooting(acceleration, method, options);
        this.certifier = new Certifier(shooting, acceleration, metric, lagrangian, acceleration.descriptor().domain());
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
        positions = new double[quadraturePoints * d];
        velocities = new double[quadraturePoints * d];
        gx = new double[d];
        gv = new double[d];
        gTheta = new double[p];
        xs = new double[d];
        vs = new double[d];
        end = new double[d];
        yImage = new double[d];
        check = new DistanceCheck(acceleration, metric, method);
    }

    /**
     * Whether logarithms and distances are held to an error estimate in the metric
     * ({@link DistanceCheck}: endpoint residual, RK4 step doubling, speed drift), a solve that
     * fails it ending {@link LogStatus#INACCURATE}, and the metric must be positive definite at
     * x, at y and along the geodesic; on by default. Training loops, which refine failing pairs by
     * their own rules, turn it off. Points outside the domain are refused either way.
     *
     * @return this
     */
    public Distances checkAccuracy(boolean on) {
        this.checkAccuracy = on;
        return this;
    }

    /** The error estimate of the last checked distance or logarithm (NaN when unchecked or unconverged). */
    public double lastErrorEstimate() {
        return lastError;
    }

    public Shooting shooting() {
        return shooting;
    }

    /**
     * log_x(y) into {@code out} (overwritten; the best iterate when not converged): the initial
     * velocity of the shortest certified geodesic from x to y or to a periodic image of y (see
     * {@link Certifier} and {@link Shooting.Options#minimality()}).
     */
    public LogResult log(double[] x, double[] y, double[] theta, double[] out) {
        requireDefinite(x, y, theta);
        LogResult r = checked(x, y, theta, v, certifier.log(x, y, theta, v, null, false));
        System.arraycopy(v, 0, out, 0, d);
        solved = r.converged();
        return r;
    }

    /**
     * The metric must be positive definite at both ends (else the distance would be NaN or
     * meaningless): a numerical failure that says where. Points outside the domain are refused first.
     *
     * @throws geo.runtime.api.DomainException if x or y is outside the model's domain
     * @throws geo.runtime.api.MetricCheck.IndefiniteMetricException if it is not
     */
    private void requireDefinite(double[] x, double[] y, double[] theta) {
        // Outside the chart the metric means nothing: that is the caller's mistake, said first.
        shooting.geodesics().domain().require("the start point x", x);
        shooting.geodesics().domain().require("the end point y", y);
        if (!checkAccuracy) {
            // Training keeps its own rules: a failed pair there is NaN, not an exception.
            return;
        }
        check.requireDefinite("the start point x =", x, theta);
        check.requireDefinite("the end point y =", y, theta);
    }

    /**
     * The certifier's result r after the accuracy check: a converged one is verified; a geodesic
     * rejected as not minimal is first searched for an indefinite metric along it (a degenerate
     * stretch also makes Jacobi fields meaningless, and is the failure to report).
     */
    private LogResult checked(double[] x, double[] y, double[] theta, double[] logV, LogResult r) {
        if (r.converged()) {
            return verify(x, y, theta, logV, r, Math.sqrt(2 * metric.energy(x, logV, theta)));
        }
        if (r.status() == LogStatus.NOT_MINIMAL && checkAccuracy) {
            check.requireDefiniteAlong(x, logV, theta);
        }
        return r;
    }

    /** r, or an INACCURATE result when the check is on and the distance's error estimate is too large. */
    private LogResult verify(double[] x, double[] y, double[] theta, double[] logV, LogResult r, double distance) {
        lastError = Double.NaN;
        if (!checkAccuracy) {
            return r;
        }
        shooting.tape().endPoint(end);
        shooting.tape().endVelocity(vEnd);
        // The certified geodesic may end at a periodic image of y: measure the residual there.
        double[] image = imageNear(y, end);
        double error = check.estimate(x, image, logV, theta, end, vEnd, distance);
        lastError = error;
        double allowed = check.allowed(distance);
        if (error <= allowed) {
            return r;
        }
        return new LogResult(LogStatus.INACCURATE, r.iterations(), r.residual(), "the distance's error estimate "
                + error + " in the metric exceeds " + allowed + " (the metric is large at the ends, or the integrator "
                + "too coarse)");
    }

    /** y's periodic image nearest to {@code end} (y itself without periodic coordinates), in a scratch array. */
    private double[] imageNear(double[] y, double[] end) {
        certifier.nearestImage(end, y, yImage);
        return yImage;
    }

    /**
     * d(x, y). The result's status says whether the logarithm behind it converged to a certified
     * geodesic ({@link Certifier}) with an error estimate within the tolerance; the distance of any
     * other solve is NaN, never a plausible-looking number.
     */
    public Distance distance(double[] x, double[] y, double[] theta) {
        return distance(x, y, theta, v, null, false);
    }

    /**
     * d(x, y) from the logarithm {@code logV}, warm-started as in
     * {@link Shooting#log(double[], double[], double[], double[], double[], boolean)}.
     *
     * @param logV read as the first guess when {@code warm}; on return log_x(y) (or the best
     *             iterate when not converged), overwritten
     * @param jac  null, or the Jacobian ∂exp_x/∂v (d², row-major) carried between solves: read when
     *             {@code warm}, overwritten on convergence
     */
    public Distance distance(double[] x, double[] y, double[] theta, double[] logV, double[] jac, boolean warm) {
        requireDefinite(x, y, theta);
        LogResult r = checked(x, y, theta, logV, certifier.log(x, y, theta, logV, jac, warm));
        solved = r.converged();
        if (!r.converged()) {
            return new Distance(Double.NaN, r, lastError);
        }
        return new Distance(Math.sqrt(2 * metric.energy(x, logV, theta)), r, lastError);
    }

    /**
     * d(x, y) and its gradients ∂d/∂x, ∂d/∂y (length d) and ∂d/∂θ (length P), all overwritten
     * (with NaN when the logarithm did not converge; with 0 when x = y, where d is not differentiable).
     */
    public Distance distanceGradient(double[] x, double[] y, double[] theta, double[] dx, double[] dy,
                                     double[] dTheta) {
        return distanceGradient(x, y, theta, v, null, false, dx, dy, dTheta);
    }

    /**
     * As {@link #distanceGradient(double[], double[], double[], double[], double[], double[])},
     * from the logarithm {@code logV} and the Jacobian {@code jac}, warm-started as in
     * {@link #distance(double[], double[], double[], double[], double[], boolean)}.
     */
    public Distance distanceGradient(double[] x, double[] y, double[] theta, double[] logV, double[] jac,
                                     boolean warm, double[] dx, double[] dy, double[] dTheta) {
        Distance r = distance(x, y, theta, logV, jac, warm);
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
                s += g[i * d + j] * logV[j];
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
        if (quadraturePoints == MESH) {
            halfSquaredThetaGradientOnMesh(theta, dTheta);
        } else {
            halfSquaredThetaGradient(x, logV, theta, dTheta);
        }
        for (int k = 0; k < p; k++) {
            dTheta[k] /= dist;
        }
        return r;
    }

    /** ∂_θ ½d² = ∫₀¹ ∂_θ L(γ, γ') dt along the geodesic from x with velocity v (Simpson's rule). */
    private void halfSquaredThetaGradient(double[] x, double[] logV, double[] theta, double[] out) {
        shooting.geodesics().path(x, logV, theta, quadraturePoints, positions, velocities);
        Arrays.fill(out, 0);
        int n = quadraturePoints - 1;
        for (int k = 0; k <= n; k++) {
            System.arraycopy(positions, k * d, xs, 0, d);
            System.arraycopy(velocities, k * d, vs, 0, d);
            addSimpsonTerm(k, n, theta, out);
        }
    }

    /**
     * As {@link #halfSquaredThetaGradient} at the mesh points of the last shot, which is the
     * converged one (the RK4 tape of the solve at log_x(y)).
     */
    private void halfSquaredThetaGradientOnMesh(double[] theta, double[] out) {
        ExpTape tape = shooting.tape();
        int n = tape.steps();
        Arrays.fill(out, 0);
        for (int k = 0; k < n; k++) {
            tape.stepStart(k, xs, vs);
            addSimpsonTerm(k, n, theta, out);
        }
        tape.endPoint(xs);
        tape.endVelocity(vs);
        addSimpsonTerm(n, n, theta, out);
    }

    /** Adds the Simpson weight of node k of n (even) intervals on [0, 1] times ∂_θ L(xs, vs) to out. */
    private void addSimpsonTerm(int k, int n, double[] theta, double[] out) {
        double h = 1.0 / n;
        lagrangian.lagrangianGradient(k * h, xs, vs, theta, gx, gv, gTheta);
        double w = (k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2) * h / 3;
        for (int i = 0; i < p; i++) {
            out[i] += w * gTheta[i];
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

    /**
     * A distance, the logarithm solve it came from, and its error estimate in the metric (NaN
     * when the accuracy check is off or the solve did not converge in coordinates).
     */
    public record Distance(double value, LogResult log, double error) {
        public boolean converged() {
            return log.converged();
        }
    }
}
