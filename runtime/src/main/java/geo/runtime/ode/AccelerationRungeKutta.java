package geo.runtime.ode;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.Domain;
import geo.runtime.api.StepKernels;
import java.util.Arrays;

/**
 * An explicit Runge–Kutta method applied directly to x' = v, v' = a(t, x, v; θ), with its discrete
 * adjoint. With stage points (Xᵢ, Vᵢ) and tᵢ = t + cᵢh, one step of size h is
 * <pre>
 *   Xᵢ = x + h Σ_{j&lt;i} aᵢⱼ Vⱼ,   Vᵢ = v + h Σ_{j&lt;i} aᵢⱼ Aⱼ,   Aᵢ = a(tᵢ, Xᵢ, Vᵢ; θ)
 *   x_new = x + h Σ bᵢ Vᵢ,        v_new = v + h Σ bᵢ Aᵢ
 * </pre>
 * (the position stages need no kernel call: the derivative of x is the stage velocity). Its
 * reverse, given cotangents (x̄, v̄) of (x_new, v_new), with K̄Xᵢ = h bᵢ x̄, K̄Vᵢ = h bᵢ v̄ and then
 * for i = s, …, 1:
 * <pre>
 *   (gx, gv, gθ) = K̄Vᵢᵀ ∂a/∂(x, v, θ) at (tᵢ, Xᵢ, Vᵢ)   (the compiled VJP)
 *   X̄ᵢ = gx,  V̄ᵢ = gv + K̄Xᵢ,  x̄ += X̄ᵢ,  v̄ += V̄ᵢ,  θ̄ += gθ
 *   K̄Xⱼ += h aᵢⱼ X̄ᵢ,  K̄Vⱼ += h aᵢⱼ V̄ᵢ   (j &lt; i)
 * </pre>
 * is the exact gradient of the computed map (the step sizes being fixed numbers), not an
 * approximation by a continuous adjoint equation.
 *
 * <p>For RK4 with kernels that implement {@link StepKernels} (the compiler generates them for
 * explicit accelerations) each step is one call of the fused step kernel, and the adjoint of a
 * step one call of its VJP kernel, which perform this class's operations in its order (the same
 * bits either way); the tape then holds one row per step (its start and the
 * forward values the VJP reads, written by the recording kernel). Otherwise the stages are
 * evaluated here, four acceleration calls per step, and all are recorded. Tapes come from
 * {@link #newTape()}.
 *
 * <p>Stage arrays are allocated once per instance; the step loops allocate nothing (a
 * {@link StageTape} grows only while the number of steps does). Uses the kernels' scratch
 * arrays: not thread-safe.
 */
public final class AccelerationRungeKutta {

    private static final double SIXTH = 1.0 / 6;
    private static final double THIRD = 1.0 / 3;

    private final AccelerationKernels kernels;
    private final Tableau tableau;
    private final PhaseGuard guard;
    private final int d;
    private final int s;
    /** Whether the tableau is {@link Tableau#RK4}, whose step is written out for speed. */
    private final boolean rk4;
    /** The fused RK4 step kernels, or null when the tableau is not RK4 or the kernels lack them. */
    private final StepKernels fused;
    /** The other half of the state while fused steps alternate between two pairs of arrays. */
    private final double[] xNext;
    private final double[] vNext;
    /** The tableau's coefficients, copied into arrays the loops can index directly. */
    private final double[][] a;
    private final double[] b;
    private final double[] c;
    private final double[][] xs;
    private final double[][] vs;
    private final double[][] as;
    private final double[][] kxBar;
    private final double[][] kvBar;
    private final double[] gx;
    private final double[] gv;
    private double[] gTheta = new double[0];
    /** Tangents of the stages for {@link #tangents}: [stage][i · count + j], allocated for the count in use. */
    private double[][] tx = new double[0][];
    private double[][] tv = new double[0][];
    private double[][] ta = new double[0][];

    /** The method {@code tableau} for {@code kernels} in the model's declared domain, default blow-up bound. */
    public AccelerationRungeKutta(AccelerationKernels kernels, Tableau tableau) {
        this(kernels, tableau, kernels.descriptor().domain(), StateGuard.DEFAULT_BLOW_UP);
    }

    /** The method {@code tableau} for {@code kernels}, failing outside {@code domain} or beyond {@code blowUp}. */
    public AccelerationRungeKutta(AccelerationKernels kernels, Tableau tableau, Domain domain, double blowUp) {
        if (!(blowUp > 0)) {
            throw new IllegalArgumentException("the blow-up bound must be positive, got " + blowUp);
        }
        this.kernels = kernels;
        this.tableau = tableau;
        this.guard = new PhaseGuard(domain, blowUp);
        this.d = kernels.descriptor().dimension();
        this.s = tableau.stages();
        this.rk4 = tableau == Tableau.RK4;
        this.fused = rk4 && kernels instanceof StepKernels k ? k : null;
        a = new double[s][];
        b = new double[s];
        c = new double[s];
        for (int i = 0; i < s; i++) {
            a[i] = new double[i];
            for (int j = 0; j < i; j++) {
                a[i][j] = tableau.a(i, j);
            }
            b[i] = tableau.b(i);
            c[i] = tableau.c(i);
        }
        xs = new double[s][d];
        vs = new double[s][d];
        as = new double[s][d];
        kxBar = new double[s][d];
        kvBar = new double[s][d];
        gx = new double[d];
        gv = new double[d];
        xNext = new double[d];
        vNext = new double[d];
    }

    /** Whether steps are taken by the kernels' fused RK4 step ({@link StepKernels}). */
    public boolean fused() {
        return fused != null;
    }

    public Tableau tableau() {
        return tableau;
    }

    /** The position dimension d. */
    public int dimension() {
        return d;
    }

    /**
     * Integrates from t₀ to t₁ in {@code steps} equal steps.
     *
     * @param x     the initial position (overwritten with the position at t₁)
     * @param v     the initial velocity (overwritten with the velocity at t₁)
     * @param theta the parameters (read)
     * @param tape  records the steps for {@link #adjoint} (cleared first); may be null
     * @param listener called after every step; may be null
     * @throws IntegrationException if the state stops being finite, blows up or leaves the domain
     */
    public void integrate(double t0, double t1, int steps, double[] x, double[] v, double[] theta, StageTape tape,
                          PhaseStepListener listener) {
        if (steps < 1) {
            throw new IllegalArgumentException(tableau + " needs at least one step, got " + steps);
        }
        begin(t0, x, v, tape);
        double h = (t1 - t0) / steps;
        if (fused != null) {
            if (tape != null) {
                recordedLoop(t0, h, t1, null, null, steps, x, v, theta, tape, listener);
            } else {
                fusedLoop(t0, h, t1, null, null, steps, x, v, theta, listener);
            }
            return;
        }
        for (int k = 0; k < steps; k++) {
            // t from the step index rather than by accumulation, so that rounding does not drift.
            guardedStep(t0 + k * h, h, x, v, theta, tape, k);
            double tEnd = k == steps - 1 ? t1 : t0 + (k + 1) * h;
            guard.check(tEnd, x, v, k + 1);
            if (listener != null) {
                listener.step(k + 1, tEnd, x, v);
            }
        }
    }

    /**
     * Integrates with a given step sequence: step k starts at {@code times[k]} and has size
     * {@code sizes[k]} (for instance the accepted steps of an adaptive integration, replayed).
     *
     * @param x    the initial position (overwritten with the final position)
     * @param v    the initial velocity (overwritten with the final velocity)
     * @param tape records the steps for {@link #adjoint} (cleared first); may be null
     */
    public void integrate(double[] times, double[] sizes, int steps, double[] x, double[] v, double[] theta,
                          StageTape tape) {
        begin(steps == 0 ? 0 : times[0], x, v, tape);
        if (fused != null) {
            if (tape != null) {
                recordedLoop(0, 0, 0, times, sizes, steps, x, v, theta, tape, null);
            } else {
                fusedLoop(0, 0, 0, times, sizes, steps, x, v, theta, null);
            }
            return;
        }
        for (int k = 0; k < steps; k++) {
            guardedStep(times[k], sizes[k], x, v, theta, tape, k);
            guard.check(times[k] + sizes[k], x, v, k + 1);
        }
    }

    /**
     * The steps by the fused kernel: step k goes from (xa, va) to (xb, vb), then the pairs swap, so
     * no state is copied; the result ends in x and v. Step k starts at t₀ + k h with size h, or at
     * times[k] with size sizes[k] when times is not null.
     */
    private void fusedLoop(double t0, double h, double t1, double[] times, double[] sizes, int steps, double[] x,
                           double[] v, double[] theta, PhaseStepListener listener) {
        double[] xa = x;
        double[] va = v;
        double[] xb = xNext;
        double[] vb = vNext;
        for (int k = 0; k < steps; k++) {
            double tk = times == null ? t0 + k * h : times[k];
            double hk = times == null ? h : sizes[k];
            try {
                fused.rk4Step(tk, hk, xa, va, theta, xb, vb);
            } catch (ArithmeticException e) {
                throw StateGuard.kernelFailed(e, tk, StateGuard.concat(xa, va), k);
            }
            double[] swap = xa;
            xa = xb;
            xb = swap;
            swap = va;
            va = vb;
            vb = swap;
            double tEnd = times != null ? tk + hk : k == steps - 1 ? t1 : t0 + (k + 1) * h;
            guard.check(tEnd, xa, va, k + 1);
            if (listener != null) {
                listener.step(k + 1, tEnd, xa, va);
            }
        }
        if (xa != x) {
            System.arraycopy(xa, 0, x, 0, d);
            System.arraycopy(va, 0, v, 0, d);
        }
    }

    /**
     * The fused steps recorded in the tape's rows: row k holds the start of step k and its
     * residuals, and the kernel writes the next state straight into row k + 1, so recording costs
     * no copies; the end state is copied to x and v.
     */
    private void recordedLoop(double t0, double h, double t1, double[] times, double[] sizes, int steps,
                              double[] x, double[] v, double[] theta, StageTape tape, PhaseStepListener listener) {
        int row = tape.row();
        double[] rows = tape.rows();
        System.arraycopy(x, 0, rows, 0, d);
        System.arraycopy(v, 0, rows, d, d);
        for (int k = 0; k < steps; k++) {
            double tk = times == null ? t0 + k * h : times[k];
            double hk = times == null ? h : sizes[k];
            tape.beginStep(tk, hk);
            rows = tape.rows();
            int at = k * row;
            try {
                fused.rk4StepRecord(tk, hk, theta, rows, at);
            } catch (ArithmeticException e) {
                throw StateGuard.kernelFailed(e, tk, Arrays.copyOfRange(rows, at, at + 2 * d), k);
            }
            double tEnd = times != null ? tk + hk : k == steps - 1 ? t1 : t0 + (k + 1) * h;
            guard.check(tEnd, rows, at + row, d, k + 1);
            if (listener != null) {
                System.arraycopy(rows, at + row, xNext, 0, d);
                System.arraycopy(rows, at + row + d, vNext, 0, d);
                listener.step(k + 1, tEnd, xNext, vNext);
            }
        }
        System.arraycopy(rows, steps * row, x, 0, d);
        System.arraycopy(rows, steps * row + d, v, 0, d);
    }

    /** A new, empty tape for {@link #integrate} and {@link #adjoint}: of fused steps when the steps are fused. */
    public StageTape newTape() {
        return new StageTape(s, d, fused != null ? fused.rk4Row() : 0);
    }

    private void begin(double t0, double[] x, double[] v, StageTape tape) {
        if (x.length != d || v.length != d) {
            throw new IllegalArgumentException("x and v must have length " + d + ", have " + x.length + " and "
                    + v.length);
        }
        if (tape != null) {
            int row = fused != null ? fused.rk4Row() : 0;
            if (tape.stages() != s || tape.dimension() != d || tape.row() != row) {
                throw new IllegalArgumentException("the tape is for " + tape.stages() + " stages in dimension "
                        + tape.dimension() + (tape.row() == 0 ? "" : " with fused rows of " + tape.row()) + ", not "
                        + s + " in " + d + (row == 0 ? "" : " with fused rows of " + row) + " (use newTape())");
            }
            tape.clear();
        }
        guard.check(t0, x, v, 0);
    }

    /** {@link #step}, reporting a kernel's ArithmeticException with the time and state of the step. */
    private void guardedStep(double t, double h, double[] x, double[] v, double[] theta, StageTape tape,
                             int completed) {
        try {
            step(t, h, x, v, theta, tape);
        } catch (ArithmeticException e) {
            // x and v are only updated after the last stage, so they still hold the step's start.
            throw StateGuard.kernelFailed(e, t, StateGuard.concat(x, v), completed);
        }
    }

    /** One step of size h from (t, x, v), in place. */
    private void step(double t, double h, double[] x, double[] v, double[] theta, StageTape tape) {
        if (tape != null) {
            tape.beginStep(t, h);
        }
        if (rk4) {
            stepRk4(t, h, x, v, theta, tape);
            return;
        }
        for (int i = 0; i < s; i++) {
            formStage(i, h, x, v);
            kernels.acceleration(t + c[i] * h, xs[i], vs[i], theta, as[i]);
            if (tape != null) {
                tape.putStage(i, xs[i], vs[i]);
            }
        }
        for (int k = 0; k < d; k++) {
            double sx = 0;
            double sv = 0;
            for (int i = 0; i < s; i++) {
                double bi = b[i];
                if (bi != 0) {
                    sx += bi * vs[i][k];
                    sv += bi * as[i][k];
                }
            }
            x[k] += h * sx;
            v[k] += h * sv;
        }
    }

    /** Stage point i of a step of size h from (x, v): Xᵢ = x + h Σ aᵢⱼ Vⱼ, Vᵢ = v + h Σ aᵢⱼ Aⱼ, into xs[i], vs[i]. */
    private void formStage(int i, double h, double[] x, double[] v) {
        double[] xi = xs[i];
        double[] vi = vs[i];
        for (int k = 0; k < d; k++) {
            double sx = 0;
            double sv = 0;
            for (int j = 0; j < i; j++) {
                double aij = a[i][j];
                if (aij != 0) {
                    sx += aij * vs[j][k];
                    sv += aij * as[j][k];
                }
            }
            xi[k] = x[k] + h * sx;
            vi[k] = v[k] + h * sv;
        }
    }

    /**
     * The classical RK4 step written out: the same operations in the same order as the general
     * loop (which skips zero coefficients, and multiplies by a₄₃ = 1 exactly), so the results are
     * identical bit for bit, without the loop overhead that dominates for small d.
     */
    private void stepRk4(double t, double h, double[] x, double[] v, double[] theta, StageTape tape) {
        // Stage 1 is (x, v) itself: no copy.
        double[] x2 = xs[1];
        double[] v2 = vs[1];
        double[] x3 = xs[2];
        double[] v3 = vs[2];
        double[] x4 = xs[3];
        double[] v4 = vs[3];
        double[] a1 = as[0];
        double[] a2 = as[1];
        double[] a3 = as[2];
        double[] a4 = as[3];
        kernels.acceleration(t, x, v, theta, a1);
        if (tape != null) {
            tape.putStage(0, x, v);
        }
        for (int k = 0; k < d; k++) {
            x2[k] = x[k] + h * (0.5 * v[k]);
            v2[k] = v[k] + h * (0.5 * a1[k]);
        }
        kernels.acceleration(t + 0.5 * h, x2, v2, theta, a2);
        if (tape != null) {
            tape.putStage(1, x2, v2);
        }
        for (int k = 0; k < d; k++) {
            x3[k] = x[k] + h * (0.5 * v2[k]);
            v3[k] = v[k] + h * (0.5 * a2[k]);
        }
        kernels.acceleration(t + 0.5 * h, x3, v3, theta, a3);
        if (tape != null) {
            tape.putStage(2, x3, v3);
        }
        for (int k = 0; k < d; k++) {
            x4[k] = x[k] + h * v3[k];
            v4[k] = v[k] + h * a3[k];
        }
        kernels.acceleration(t + h, x4, v4, theta, a4);
        if (tape != null) {
            tape.putStage(3, x4, v4);
        }
        for (int k = 0; k < d; k++) {
            // x first: it reads the old v[k].
            x[k] += h * (SIXTH * v[k] + THIRD * v2[k] + THIRD * v3[k] + SIXTH * v4[k]);
            v[k] += h * (SIXTH * a1[k] + THIRD * a2[k] + THIRD * a3[k] + SIXTH * a4[k]);
        }
    }

    /**
     * The forward-mode (tangent) derivative of a recorded integration: pushes {@code count}
     * tangent directions of the initial state through the recorded steps, giving the columns of
     * the Jacobian of the computed map. With the stage tangents
     * <pre>
     *   dXᵢ = dx + h Σ_{j&lt;i} aᵢⱼ dVⱼ,   dVᵢ = dv + h Σ_{j&lt;i} aᵢⱼ dAⱼ,   dAᵢ = ∂a/∂x dXᵢ + ∂a/∂v dVᵢ at (tᵢ, Xᵢ, Vᵢ)
     *   dx_new = dx + h Σ bᵢ dVᵢ,          dv_new = dv + h Σ bᵢ dAᵢ
     * </pre>
     * the derivative of each step (Griewank and Walther, <i>Evaluating Derivatives</i>, 2nd ed.,
     * ch. 3), exact for the computed map as {@link #adjoint} is. The stage points are recomputed
     * from each step's recorded start with this class's operations (the values the forward pass
     * had), and all directions of a stage share one {@link AccelerationKernels#accelerationJvps}
     * call: an implicit acceleration factors its system once per stage, where d reverse passes
     * would factor it d times.
     *
     * @param tape  the record of the integration (read)
     * @param theta the parameters the integration used (read)
     * @param count the number of directions
     * @param dx    in: the position tangents at the start, d×count with direction j in column j
     *              ({@code [i · count + j]}); out: those of the final position
     * @param dv    in and out as dx, for the velocity
     */
    public void tangents(StageTape tape, double[] theta, int count, double[] dx, double[] dv) {
        if (tx.length != s || tx[0].length != d * count) {
            tx = new double[s][d * count];
            tv = new double[s][d * count];
            ta = new double[s][d * count];
        }
        double[] x0 = xNext;
        double[] v0 = vNext;
        for (int k = 0; k < tape.steps(); k++) {
            double t = tape.time(k);
            double h = tape.size(k);
            tape.getStage(k, 0, x0, v0);
            for (int i = 0; i < s; i++) {
                formStage(i, h, x0, v0);
                double[] dxi = tx[i];
                double[] dvi = tv[i];
                for (int e = 0; e < d * count; e++) {
                    double sx = 0;
                    double sv = 0;
                    for (int j = 0; j < i; j++) {
                        double aij = a[i][j];
                        if (aij != 0) {
                            sx += aij * tv[j][e];
                            sv += aij * ta[j][e];
                        }
                    }
                    dxi[e] = dx[e] + h * sx;
                    dvi[e] = dv[e] + h * sv;
                }
                kernels.accelerationJvps(t + c[i] * h, xs[i], vs[i], theta, as[i], count, dxi, dvi, ta[i]);
            }
            for (int e = 0; e < d * count; e++) {
                double sx = 0;
                double sv = 0;
                for (int i = 0; i < s; i++) {
                    double bi = b[i];
                    if (bi != 0) {
                        sx += bi * tv[i][e];
                        sv += bi * ta[i][e];
                    }
                }
                dx[e] += h * sx;
                dv[e] += h * sv;
            }
        }
    }

    /**
     * The discrete adjoint of a recorded integration: back-propagates cotangents of the final
     * state to the initial state and the parameters.
     *
     * @param tape     the record of the integration (read)
     * @param theta    the parameters the integration used (read)
     * @param xBar     in: the cotangent of the final position; out: that of the initial position
     * @param vBar     in: the cotangent of the final velocity; out: that of the initial velocity
     * @param thetaBar the gradient with respect to θ, length P (overwritten); may be null when not needed
     */
    public void adjoint(StageTape tape, double[] theta, double[] xBar, double[] vBar, double[] thetaBar) {
        if (gTheta.length != theta.length) {
            gTheta = new double[theta.length];
        }
        if (thetaBar != null) {
            Arrays.fill(thetaBar, 0);
        }
        if (tape.row() != 0) {
            fusedAdjoint(tape, theta, xBar, vBar, thetaBar);
            return;
        }
        for (int k = tape.steps() - 1; k >= 0; k--) {
            double t = tape.time(k);
            double h = tape.size(k);
            for (int i = 0; i < s; i++) {
                double hb = h * b[i];
                for (int m = 0; m < d; m++) {
                    kxBar[i][m] = hb * xBar[m];
                    kvBar[i][m] = hb * vBar[m];
                }
            }
            for (int i = s - 1; i >= 0; i--) {
                reverseStage(tape, k, i, t + c[i] * h, theta, xBar, vBar, thetaBar);
                for (int j = 0; j < i; j++) {
                    double haij = h * a[i][j];
                    if (haij != 0) {
                        double[] kx = kxBar[j];
                        double[] kv = kvBar[j];
                        for (int m = 0; m < d; m++) {
                            kx[m] += haij * gx[m];
                            kv[m] += haij * gv[m];
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint by the fused step's VJP kernel: the cotangents, and θ̄ which each step's kernel
     * adds to, alternate between the caller's arrays and scratch ones, and end in the caller's.
     */
    private void fusedAdjoint(StageTape tape, double[] theta, double[] xBar, double[] vBar, double[] thetaBar) {
        if (fused == null || tape.row() != fused.rk4Row()) {
            throw new IllegalArgumentException("the tape records fused steps of another model");
        }
        double[] rows = tape.rows();
        int row = tape.row();
        double[] xa = xBar;
        double[] va = vBar;
        double[] xb = gx;
        double[] vb = gv;
        // θ̄ starts at zero (the caller's array is cleared by adjoint) and is carried from step
        // to step; without a caller's array it is not computed at all.
        double[] ta = thetaBar;
        double[] tb = gTheta;
        for (int k = tape.steps() - 1; k >= 0; k--) {
            if (thetaBar == null) {
                // Nobody asked for θ̄: the kernel without its θ-only nodes, same x̄, v̄ bits.
                fused.rk4StepVjpStates(tape.time(k), tape.size(k), theta, rows, k * row, xa, va, xb, vb);
            } else {
                fused.rk4StepVjp(tape.time(k), tape.size(k), theta, rows, k * row, xa, va, ta, xb, vb, tb);
            }
            double[] swap = xa;
            xa = xb;
            xb = swap;
            swap = va;
            va = vb;
            vb = swap;
            swap = ta;
            ta = tb;
            tb = swap;
        }
        if (xa != xBar) {
            System.arraycopy(xa, 0, xBar, 0, d);
            System.arraycopy(va, 0, vBar, 0, d);
        }
        if (thetaBar != null && ta != thetaBar) {
            System.arraycopy(ta, 0, thetaBar, 0, ta.length);
        }
    }

    /**
     * The reverse of stage i of step k: the VJP at the stage point with K̄Vᵢ, accumulated into x̄,
     * v̄ and θ̄; leaves X̄ᵢ in gx and V̄ᵢ in gv for the stages it depends on.
     */
    private void reverseStage(StageTape tape, int k, int i, double ti, double[] theta, double[] xBar, double[] vBar,
                              double[] thetaBar) {
        double[] xi = xs[i];
        double[] vi = vs[i];
        double[] kx = kxBar[i];
        tape.getStage(k, i, xi, vi);
        if (thetaBar != null) {
            kernels.accelerationVjp(ti, xi, vi, theta, kvBar[i], gx, gv, gTheta);
        } else {
            // θ̄ not asked for: the VJP without its θ-only nodes (same x̄, v̄ bits).
            kernels.accelerationVjpStates(ti, xi, vi, theta, kvBar[i], gx, gv);
        }
        for (int m = 0; m < d; m++) {
            // The position derivative of stage i is its velocity, so V̄ᵢ also collects K̄Xᵢ.
            gv[m] += kx[m];
            xBar[m] += gx[m];
            vBar[m] += gv[m];
        }
        if (thetaBar != null) {
            for (int p = 0; p < gTheta.length; p++) {
                thetaBar[p] += gTheta[p];
            }
        }
    }
}
