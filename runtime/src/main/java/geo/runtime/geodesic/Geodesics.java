package geo.runtime.geodesic;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.Domain;
import geo.runtime.ode.AccelerationFlow;
import geo.runtime.ode.AccelerationRungeKutta;
import geo.runtime.ode.DormandPrince54;
import geo.runtime.ode.IntegrationException;
import geo.runtime.ode.Tableau;

/**
 * Geodesics of a model: the exponential map exp_x(v) = γ(1) for γ'' = a(t, γ, γ'; θ), γ(0) = x,
 * γ'(0) = v (for a metric a = −Γ(γ)[γ', γ'], the geodesic spray), geodesic paths, and recorded
 * forward passes ({@link ExpTape}) for exact gradients.
 *
 * <p>With {@link GeodesicMethod#rk4 RK4} the map is n classical Runge–Kutta steps of size 1/n; with
 * {@link GeodesicMethod#dopri5 DOPRI5} it is the adaptive Dormand–Prince 5(4) solution at t = 1.
 * Failures (non-finite values, blow-up, leaving the model's domain, too many steps, step-size
 * underflow) throw {@link IntegrationException}. Owns scratch arrays and uses the kernels' own:
 * not thread-safe; build one per thread (with {@code kernels.copy()}).
 */
public final class Geodesics {

    private final AccelerationKernels kernels;
    private final GeodesicMethod method;
    private final int d;
    private final AccelerationRungeKutta engine;
    private final AccelerationFlow flow;
    private final DormandPrince54 dopri;
    private final double[] xWork;
    private final double[] vWork;
    private final double[] yWork;
    private final Domain domain;

    /** Geodesics of {@code kernels} in the model's declared domain. */
    public Geodesics(AccelerationKernels kernels, GeodesicMethod method) {
        this(kernels, method, kernels.descriptor().domain());
    }

    /** Geodesics of {@code kernels}, failing when a path leaves {@code domain}. */
    public Geodesics(AccelerationKernels kernels, GeodesicMethod method, Domain domain) {
        this.kernels = kernels;
        this.method = method;
        this.d = kernels.descriptor().dimension();
        this.domain = domain;
        // The adjoint of DOPRI5 replays its accepted steps with the six-stage fifth-order map.
        this.engine = new AccelerationRungeKutta(kernels, method.adaptive() ? Tableau.DOPRI5 : Tableau.RK4, domain,
                method.blowUp());
        if (method.adaptive()) {
            this.flow = new AccelerationFlow(kernels, new double[0], domain);
            this.dopri = new DormandPrince54(flow, method.options());
        } else {
            this.flow = null;
            this.dopri = null;
        }
        xWork = new double[d];
        vWork = new double[d];
        yWork = new double[2 * d];
    }

    public GeodesicMethod method() {
        return method;
    }

    /** The kernels this object integrates (and whose scratch arrays it uses). */
    public AccelerationKernels kernels() {
        return kernels;
    }

    /** The dimension d. */
    public int dimension() {
        return d;
    }

    /**
     * The exponential map: xEnd = γ(1), vEnd = γ'(1).
     *
     * @param x     the start point, length d (read)
     * @param v     the initial velocity, length d (read)
     * @param theta the parameters (read)
     * @param xEnd  the end point, length d (overwritten; may be x itself)
     * @param vEnd  the end velocity, length d (overwritten; may be v itself); may be null
     * @throws IntegrationException if the integration fails
     * @throws geo.runtime.api.DomainException if x is outside the domain (before integrating)
     */
    public void exp(double[] x, double[] v, double[] theta, double[] xEnd, double[] vEnd) {
        checkLengths(x, v);
        if (method.adaptive()) {
            System.arraycopy(x, 0, yWork, 0, d);
            System.arraycopy(v, 0, yWork, d, d);
            flow.setParameters(theta);
            dopri.integrate(0, yWork, 1);
            System.arraycopy(yWork, 0, xEnd, 0, d);
            if (vEnd != null) {
                System.arraycopy(yWork, d, vEnd, 0, d);
            }
        } else {
            System.arraycopy(x, 0, xWork, 0, d);
            System.arraycopy(v, 0, vWork, 0, d);
            engine.integrate(0, 1, method.steps(), xWork, vWork, theta, null, null);
            System.arraycopy(xWork, 0, xEnd, 0, d);
            if (vEnd != null) {
                System.arraycopy(vWork, 0, vEnd, 0, d);
            }
        }
    }

    /**
     * Samples the geodesic at n ≥ 2 equally spaced times tₖ = k/(n − 1) in [0, 1]. DOPRI5 samples by
     * its dense output; RK4 takes ⌈steps/(n − 1)⌉ steps per interval, so that every sample is a mesh
     * point (and the last one at least as accurate as {@link #exp}).
     *
     * @param positions  γ(tₖ) in row k (offset k·d), length ≥ n·d (overwritten)
     * @param velocities γ'(tₖ) in row k, length ≥ n·d (overwritten); may be null
     */
    public void path(double[] x, double[] v, double[] theta, int n, double[] positions, double[] velocities) {
        checkLengths(x, v);
        if (n < 2) {
            throw new IllegalArgumentException("a path needs at least 2 points, got " + n);
        }
        if (positions.length < n * d || (velocities != null && velocities.length < n * d)) {
            throw new IllegalArgumentException("positions and velocities need length n·d = " + n * d);
        }
        if (method.adaptive()) {
            double[] times = new double[n];
            for (int k = 0; k < n; k++) {
                times[k] = k == n - 1 ? 1 : (double) k / (n - 1);
            }
            double[] samples = new double[n * 2 * d];
            System.arraycopy(x, 0, yWork, 0, d);
            System.arraycopy(v, 0, yWork, d, d);
            flow.setParameters(theta);
            dopri.integrate(0, yWork, 1, times, samples);
            for (int k = 0; k < n; k++) {
                System.arraycopy(samples, 2 * d * k, positions, k * d, d);
                if (velocities != null) {
                    System.arraycopy(samples, 2 * d * k + d, velocities, k * d, d);
                }
            }
        } else {
            int perInterval = (method.steps() + n - 2) / (n - 1);
            System.arraycopy(x, 0, xWork, 0, d);
            System.arraycopy(v, 0, vWork, 0, d);
            System.arraycopy(x, 0, positions, 0, d);
            if (velocities != null) {
                System.arraycopy(v, 0, velocities, 0, d);
            }
            engine.integrate(0, 1, perInterval * (n - 1), xWork, vWork, theta, null, (index, t, xs, vs) -> {
                if (index % perInterval == 0) {
                    int row = index / perInterval;
                    System.arraycopy(xs, 0, positions, row * d, d);
                    if (velocities != null) {
                        System.arraycopy(vs, 0, velocities, row * d, d);
                    }
                }
            });
        }
    }

    /** A new, empty tape for {@link #forward(double[], double[], double[], ExpTape)}. */
    public ExpTape newTape() {
        return new ExpTape(this, engine.newTape(), d);
    }

    /**
     * Computes exp_x(v) and records what its gradient needs.
     *
     * @return a new tape holding the end point, the end velocity and the recorded stages
     * @throws IntegrationException if the integration fails
     */
    public ExpTape forward(double[] x, double[] v, double[] theta) {
        ExpTape tape = newTape();
        forward(x, v, theta, tape);
        return tape;
    }

    /**
     * As {@link #forward(double[], double[], double[])}, reusing {@code tape} (which must come from
     * this object's {@link #newTape()}); x, v and θ are read and copied into the tape.
     */
    public void forward(double[] x, double[] v, double[] theta, ExpTape tape) {
        checkLengths(x, v);
        if (tape.owner() != this) {
            throw new IllegalArgumentException("the tape belongs to another Geodesics object");
        }
        tape.start(theta);
        if (method.adaptive()) {
            // One integration: the controller's accepted steps are recorded as it takes them (the
            // stage points a replay would compute, bit for bit), and its end state is the tape's.
            System.arraycopy(x, 0, yWork, 0, d);
            System.arraycopy(v, 0, yWork, d, d);
            flow.setParameters(tape.theta());
            dopri.integrate(0, yWork, 1, tape.stages(),
                    (tPrevious, t, y, dense) -> tape.addStep(tPrevious, dopri.lastStepSize()));
            System.arraycopy(yWork, 0, xWork, 0, d);
            System.arraycopy(yWork, d, vWork, 0, d);
        } else {
            double h = 1.0 / method.steps();
            for (int k = 0; k < method.steps(); k++) {
                tape.addStep(k * h, h);
            }
            System.arraycopy(x, 0, xWork, 0, d);
            System.arraycopy(v, 0, vWork, 0, d);
            engine.integrate(tape.times(), tape.sizes(), tape.steps(), xWork, vWork, tape.theta(), tape.stages());
        }
        tape.finish(xWork, vWork);
    }

    /** The integrator the tapes are replayed with and differentiated through. */
    AccelerationRungeKutta engine() {
        return engine;
    }

    /**
     * Checks the lengths of x and v and that x is a point of the domain: a start outside the
     * chart is the caller's mistake ({@link geo.runtime.api.DomainException}), not a failure of
     * the integration.
     */
    private void checkLengths(double[] x, double[] v) {
        if (x.length != d || v.length != d) {
            throw new IllegalArgumentException("x and v must have length d = " + d + ", have " + x.length
                    + " and " + v.length);
        }
        domain.require("the start point x", x);
    }

    /** The domain paths must stay in. */
    public Domain domain() {
        return domain;
    }
}
