package geo.runtime.geodesic;

import geo.runtime.ode.StageTape;
import java.util.Arrays;

/**
 * A recorded evaluation of exp_x(v) for reverse-mode differentiation: the inputs, the step
 * sequence, every stage point of the integrator and the results. {@link #backward} is the discrete
 * adjoint of that integrator (see {@link geo.runtime.ode.AccelerationRungeKutta}), i.e. the exact
 * gradient of the computed map
 * <pre>
 *   Φ: (x, v, θ) ↦ (x_end, v_end)
 * </pre>
 * For RK4 Φ is n fixed steps; for DOPRI5 it is the fifth-order Dormand–Prince map with the step
 * sequence the adaptive controller accepted in the forward pass, held fixed ({@link #evaluate}
 * evaluates exactly that map at other inputs, which is what finite differences must perturb).
 *
 * <p>A tape is bound to the {@link Geodesics} that made it and uses its kernels: use it on the same
 * thread. It may be reused by {@link Geodesics#forward(double[], double[], double[], ExpTape)}.
 */
public final class ExpTape {

    private final Geodesics owner;
    private final int d;
    private final StageTape stages;
    private double[] times = new double[16];
    private double[] sizes = new double[16];
    private int steps;
    private double[] theta = new double[0];
    private final double[] xEnd;
    private final double[] vEnd;
    private final double[] xWork;
    private final double[] vWork;
    private boolean complete;
    /** The d×d tangents of {@link #positionJacobian}, allocated on its first use. */
    private double[] tangentX;
    private double[] tangentV;

    ExpTape(Geodesics owner, StageTape stages, int d) {
        this.owner = owner;
        this.d = d;
        this.stages = stages;
        xEnd = new double[d];
        vEnd = new double[d];
        xWork = new double[d];
        vWork = new double[d];
    }

    /** The dimension d. */
    public int dimension() {
        return d;
    }

    /** The number of integrator steps of the recorded map. */
    public int steps() {
        return steps;
    }

    /** Copies exp_x(v) = γ(1) into {@code out} (length d, overwritten). */
    public void endPoint(double[] out) {
        requireComplete();
        System.arraycopy(xEnd, 0, out, 0, d);
    }

    /** Copies γ'(1) into {@code out} (length d, overwritten). */
    public void endVelocity(double[] out) {
        requireComplete();
        System.arraycopy(vEnd, 0, out, 0, d);
    }

    /**
     * Copies the state (γ(t_k), γ'(t_k)) at the start of step k (0 ≤ k &lt; {@link #steps()}) into
     * {@code x} and {@code v} (length d, overwritten): the first stage of every explicit
     * Runge–Kutta step is its start, so the mesh of the recorded map is available without
     * integrating again ({@link #endPoint} and {@link #endVelocity} give t = 1).
     */
    public void stepStart(int k, double[] x, double[] v) {
        requireComplete();
        if (k < 0 || k >= steps) {
            throw new IndexOutOfBoundsException("step " + k + " of " + steps);
        }
        stages.getStage(k, 0, x, v);
    }

    /**
     * The gradient of ⟨x̄_end, x_end⟩ + ⟨v̄_end, v_end⟩ with respect to the inputs, i.e. the
     * vector–Jacobian product of Φ at the recorded inputs. Calling it d times with the unit
     * cotangents gives the Jacobian of Φ exactly. Allocates nothing once the integrator's θ̄
     * scratch array exists (after the first call).
     *
     * @param xEndBar  the cotangent of the end point, length d (read)
     * @param vEndBar  the cotangent of the end velocity, length d (read); null means 0
     * @param xBar     the gradient in x, length d (overwritten; may alias xEndBar)
     * @param vBar     the gradient in v, length d (overwritten; may alias vEndBar)
     * @param thetaBar the gradient in θ, length P (overwritten); may be null when not needed
     */
    public void backward(double[] xEndBar, double[] vEndBar, double[] xBar, double[] vBar, double[] thetaBar) {
        requireComplete();
        if (thetaBar != null && thetaBar.length != theta.length) {
            throw new IllegalArgumentException("thetaBar must have length " + theta.length + ", has "
                    + thetaBar.length);
        }
        System.arraycopy(xEndBar, 0, xBar, 0, d);
        if (vEndBar == null) {
            Arrays.fill(vBar, 0, d, 0);
        } else {
            System.arraycopy(vEndBar, 0, vBar, 0, d);
        }
        owner.engine().adjoint(stages, theta, xBar, vBar, thetaBar);
    }

    /**
     * The Jacobian ∂x_end/∂v of the recorded map (row-major d×d, {@code out[i·d + k]} =
     * ∂x_end,i/∂v_k) in one forward-mode pass that carries the d tangent directions together
     * ({@link geo.runtime.ode.AccelerationRungeKutta#tangents}), instead of d reverse passes
     * ({@link #backward} with the unit cotangents). Both are the exact derivative of the computed
     * map; they differ only by rounding.
     *
     * @param out length d² (overwritten)
     */
    public void positionJacobian(double[] out) {
        requireComplete();
        if (tangentX == null) {
            tangentX = new double[d * d];
            tangentV = new double[d * d];
        }
        Arrays.fill(tangentX, 0);
        Arrays.fill(tangentV, 0);
        for (int i = 0; i < d; i++) {
            tangentV[i * d + i] = 1;
        }
        owner.engine().tangents(stages, theta, d, tangentX, tangentV);
        System.arraycopy(tangentX, 0, out, 0, d * d);
    }

    /**
     * Evaluates the recorded map Φ (same method, same step sequence) at other inputs, without
     * touching the record. For RK4 this equals {@link Geodesics#exp}.
     *
     * @param xOut length d (overwritten)
     * @param vOut length d (overwritten); may be null
     */
    public void evaluate(double[] x, double[] v, double[] theta, double[] xOut, double[] vOut) {
        requireComplete();
        System.arraycopy(x, 0, xWork, 0, d);
        System.arraycopy(v, 0, vWork, 0, d);
        owner.engine().integrate(times, sizes, steps, xWork, vWork, theta, null);
        System.arraycopy(xWork, 0, xOut, 0, d);
        if (vOut != null) {
            System.arraycopy(vWork, 0, vOut, 0, d);
        }
    }

    Geodesics owner() {
        return owner;
    }

    void start(double[] parameters) {
        complete = false;
        steps = 0;
        if (theta.length != parameters.length) {
            theta = new double[parameters.length];
        }
        // A copy, so that the caller may update θ in place before calling backward.
        System.arraycopy(parameters, 0, theta, 0, theta.length);
    }

    void addStep(double t, double h) {
        if (steps == times.length) {
            times = Arrays.copyOf(times, 2 * steps);
            sizes = Arrays.copyOf(sizes, 2 * steps);
        }
        times[steps] = t;
        sizes[steps] = h;
        steps++;
    }

    void finish(double[] x, double[] v) {
        System.arraycopy(x, 0, xEnd, 0, d);
        System.arraycopy(v, 0, vEnd, 0, d);
        complete = true;
    }

    double[] theta() {
        return theta;
    }

    double[] times() {
        return times;
    }

    double[] sizes() {
        return sizes;
    }

    StageTape stages() {
        return stages;
    }

    private void requireComplete() {
        if (!complete) {
            throw new IllegalStateException("the tape holds no completed forward pass");
        }
    }
}
