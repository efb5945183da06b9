package geo.runtime.bvp;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.geodesic.ExpTape;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.linalg.Dense;
import geo.runtime.ode.IntegrationException;

/**
 * log_x(y) by damped Newton shooting: solve F(v) = exp_x(v) − y = 0 from the straight-line guess
 * v₀ = y − x (halved until its geodesic integrates), falling back to continuation along the
 * segment from x to y, with J = ∂exp_x/∂v from d reverse passes of
 * the exact discrete adjoint ({@link ExpTape#backward}), so Newton sees the true Jacobian of the
 * computed map. Each step is damped by backtracking until ‖F‖ decreases. Allocates only at
 * construction; not thread-safe (one per thread).
 */
public final class Shooting {

    /** Tolerances and limits of the Newton iteration. */
    public record Options(double tolerance, int maxIterations, int maxHalvings) {
        /** Endpoint error below 1e-11 (absolute, in coordinates), 50 iterations, 30 step halvings. */
        public static final Options DEFAULT = new Options(1e-11, 50, 30);
    }

    private final Geodesics geodesics;
    private final Options options;
    private final int d;
    private final ExpTape tape;
    private final double[] residual;
    private final double[] trialResidual;
    private final double[] step;
    private final double[] trial;
    private final double[] jacobian;
    private final double[] unit;
    private final double[] xBar;
    private final double[] vBar;
    private final double[] end;
    private final double[] target;

    /** Continuation refines the segment x → y into up to 2^this pieces before giving up. */
    private static final int CONTINUATION_LEVELS = 4;

    public Shooting(AccelerationKernels kernels, GeodesicMethod method, Options options) {
        this.geodesics = new Geodesics(kernels, method);
        this.options = options;
        this.d = geodesics.dimension();
        this.tape = geodesics.newTape();
        residual = new double[d];
        trialResidual = new double[d];
        step = new double[d];
        trial = new double[d];
        jacobian = new double[d * d];
        unit = new double[d];
        xBar = new double[d];
        vBar = new double[d];
        end = new double[d];
        target = new double[d];
    }

    public Geodesics geodesics() {
        return geodesics;
    }

    /**
     * Solves exp_x(v) = y for v: Newton from the straight-line guess; if that fails, continuation
     * along the coordinate segment from x to y (targets x + s(y − x) for s = 1/2^k ... 1, each
     * solve warm-started from the previous one), which keeps every intermediate problem close to a
     * solved one.
     *
     * @param v on return the logarithm when converged, else the best iterate (overwritten)
     */
    public LogResult log(double[] x, double[] y, double[] theta, double[] v) {
        return log(x, y, theta, v, false);
    }

    /**
     * As {@link #log(double[], double[], double[], double[])}, optionally warm-started: with
     * {@code warm}, Newton starts from the incoming value of {@code v} (typically the logarithm of
     * a nearby pair, e.g. the same pair before an optimiser step), and only if that fails (or v is
     * not finite) from the straight line and then by continuation. A converged warm start meets
     * the same tolerance as a cold one, so both give the same logarithm up to it.
     *
     * @param v    read as the first guess when {@code warm}; on return the logarithm when
     *             converged, else the best iterate (overwritten)
     * @param warm whether to start from the incoming {@code v}
     */
    public LogResult log(double[] x, double[] y, double[] theta, double[] v, boolean warm) {
        int total = 0;
        if (warm && finite(v)) {
            LogResult r = newton(x, y, theta, v);
            if (r.converged()) {
                return r;
            }
            total = r.iterations();
        }
        for (int i = 0; i < d; i++) {
            v[i] = y[i] - x[i];
        }
        LogResult direct = newton(x, y, theta, v);
        total += direct.iterations();
        if (direct.converged()) {
            return total == direct.iterations() ? direct
                    : new LogResult(LogStatus.CONVERGED, total, direct.residual(), "after a failed warm start");
        }
        for (int levels = 1; levels <= CONTINUATION_LEVELS; levels++) {
            int pieces = 1 << levels;
            for (int i = 0; i < d; i++) {
                v[i] = (y[i] - x[i]) / pieces;
            }
            LogResult r = null;
            for (int k = 1; k <= pieces; k++) {
                double s = (double) k / pieces;
                for (int i = 0; i < d; i++) {
                    target[i] = x[i] + s * (y[i] - x[i]);
                }
                r = newton(x, target, theta, v);
                total += r.iterations();
                if (!r.converged()) {
                    break;
                }
                if (k < pieces) {
                    for (int i = 0; i < d; i++) {
                        v[i] *= (k + 1.0) / k;
                    }
                }
            }
            if (r.converged()) {
                return new LogResult(LogStatus.CONVERGED, total, r.residual(), "by continuation in " + pieces + " steps");
            }
        }
        for (int i = 0; i < d; i++) {
            v[i] = y[i] - x[i];
        }
        LogResult last = newton(x, y, theta, v);
        return new LogResult(last.status(), total + last.iterations(), last.residual(), last.detail());
    }

    /** Damped Newton from the guess in {@code v} (overwritten with the best iterate). */
    private LogResult newton(double[] x, double[] y, double[] theta, double[] v) {
        double r = Double.NaN;
        for (int halving = 0; halving <= options.maxHalvings(); halving++) {
            r = shoot(x, y, theta, v, residual);
            if (!Double.isNaN(r)) {
                break;
            }
            for (int i = 0; i < d; i++) {
                v[i] *= 0.5;
            }
        }
        if (Double.isNaN(r)) {
            return new LogResult(LogStatus.NO_PROGRESS, 0, Double.POSITIVE_INFINITY,
                    "no initial shot along y - x integrates");
        }
        for (int iteration = 0; iteration < options.maxIterations(); iteration++) {
            if (r <= options.tolerance()) {
                return new LogResult(LogStatus.CONVERGED, iteration, r, "");
            }
            // The tape and the residual hold the shot at v: the first one, or the accepted trial.
            jacobian();
            for (int i = 0; i < d; i++) {
                step[i] = -residual[i];
            }
            if (!Dense.solve(jacobian, step, d)) {
                return new LogResult(LogStatus.SINGULAR_JACOBIAN, iteration, r, "the exponential map is singular here");
            }
            double alpha = 1;
            boolean improved = false;
            for (int halving = 0; halving <= options.maxHalvings(); halving++, alpha *= 0.5) {
                for (int i = 0; i < d; i++) {
                    trial[i] = v[i] + alpha * step[i];
                }
                double rt = shoot(x, y, theta, trial, trialResidual);
                if (!Double.isNaN(rt) && rt < (1 - 1e-4 * alpha) * r) {
                    System.arraycopy(trial, 0, v, 0, d);
                    System.arraycopy(trialResidual, 0, residual, 0, d);
                    r = rt;
                    improved = true;
                    break;
                }
            }
            if (!improved) {
                return r <= options.tolerance() ? new LogResult(LogStatus.CONVERGED, iteration, r, "")
                        : new LogResult(LogStatus.NO_PROGRESS, iteration, r, "no damped Newton step reduced the residual");
            }
        }
        return r <= options.tolerance() ? new LogResult(LogStatus.CONVERGED, options.maxIterations(), r, "")
                : new LogResult(LogStatus.MAX_ITERATIONS, options.maxIterations(), r, "");
    }

    /**
     * Records exp_x(v) on the tape and writes F = exp_x(v) − y; returns ‖F‖ (Euclidean), or NaN
     * when the shot does not integrate (it left the domain, blew up, ...).
     */
    private double shoot(double[] x, double[] y, double[] theta, double[] v, double[] f) {
        try {
            geodesics.forward(x, v, theta, tape);
        } catch (IntegrationException | ArithmeticException e) {
            // A shot that leaves the domain, blows up, or meets a degenerate metric is a failed
            // trial: the damping and the continuation try shorter ones.
            return Double.NaN;
        }
        tape.endPoint(end);
        double s = 0;
        for (int i = 0; i < d; i++) {
            f[i] = end[i] - y[i];
            s += f[i] * f[i];
        }
        double norm = Math.sqrt(s);
        return Double.isFinite(norm) ? norm : Double.NaN;
    }

    private boolean finite(double[] v) {
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }

    /** J[i][k] = ∂exp_x(v)_i/∂v_k: row i is the v-gradient of the i-th end coordinate. */
    private void jacobian() {
        for (int i = 0; i < d; i++) {
            java.util.Arrays.fill(unit, 0);
            unit[i] = 1;
            tape.backward(unit, null, xBar, vBar, null);
            System.arraycopy(vBar, 0, jacobian, i * d, d);
        }
    }

    /** The Jacobian of the last converged or attempted shot, row-major (valid after {@link #log}). */
    void lastJacobian(double[] out) {
        jacobian();
        System.arraycopy(jacobian, 0, out, 0, d * d);
    }

    /** The tape of the last shot. */
    ExpTape tape() {
        return tape;
    }
}
