package geo.runtime.api;

/**
 * Fused integrator steps of x'' = a(t, x, v; θ): one classical Runge–Kutta (RK4) step as a single
 * straight-line kernel, its four stages kept in JVM locals; the same step recording what its
 * reverse pass needs; and the exact vector–Jacobian product of the recorded step. The compiler
 * generates these for explicit accelerations; the fixed-step RK4 integrator uses them when the
 * kernels implement this interface and falls back to four {@link #acceleration} calls otherwise.
 * With step size h,
 * <pre>
 *   X₁ = x,              V₁ = v,              A₁ = a(t, X₁, V₁)
 *   X₂ = x + h (½ V₁),   V₂ = v + h (½ A₁),   A₂ = a(t + ½h, X₂, V₂)
 *   X₃ = x + h (½ V₂),   V₃ = v + h (½ A₂),   A₃ = a(t + ½h, X₃, V₃)
 *   X₄ = x + h V₃,       V₄ = v + h A₃,       A₄ = a(t + h, X₄, V₄)
 *   x' = x + h (⅙ V₁ + ⅓ V₂ + ⅓ V₃ + ⅙ V₄),   v' = v + h (⅙ A₁ + ⅓ A₂ + ⅓ A₃ + ⅙ A₄)
 * </pre>
 * The step and its VJP perform the operations of the unfused step and of its stage-by-stage
 * adjoint ({@code geo.runtime.ode.AccelerationRungeKutta}) in the same order, so both give the
 * same bits.
 */
public interface StepKernels extends AccelerationKernels {

    /**
     * One RK4 step of size h from (t, x, v).
     *
     * @param x     the position, length d (read)
     * @param v     the velocity, length d (read)
     * @param theta the parameters, length P (read)
     * @param xOut  x', length d (overwritten; must not be x or v: it is written while x is still read)
     * @param vOut  v', length d (overwritten; must not be x or v)
     */
    void rk4Step(double t, double h, double[] x, double[] v, double[] theta, double[] xOut, double[] vOut);

    /**
     * The length of one row of a recorded trajectory: x (d), v (d), then the residuals of the
     * step from there, the forward values its VJP reads.
     */
    int rk4Row();

    /**
     * One RK4 step recorded in a trajectory array: reads x = rows[at, at + d) and
     * v = rows[at + d, at + 2d), writes the step's residuals to rows[at + 2d, at + row) and x', v'
     * to the next row, rows[at + row, at + row + 2d) (row = {@link #rk4Row()}).
     *
     * @param rows the trajectory, length ≥ at + row + 2d (modified as described)
     */
    void rk4StepRecord(double t, double h, double[] theta, double[] rows, int at);

    /**
     * The vector–Jacobian product of the step recorded at {@code at} by {@link #rk4StepRecord}
     * (same t, h and θ), with cotangents (x̄', v̄') of (x', v'): x̄ = x̄'ᵀ ∂x'/∂x + v̄'ᵀ ∂v'/∂x,
     * likewise v̄, and θ̄ = θ̄ᵢₙ + x̄'ᵀ ∂x'/∂θ + v̄'ᵀ ∂v'/∂θ with the stages' contributions added
     * to θ̄ᵢₙ one by one, last stage first (as the unfused adjoint accumulates them); t and h are
     * held fixed. Reads the row's x, v and residuals, so it costs only the reverse sweep.
     *
     * @param rows       the trajectory (read)
     * @param xEndBar    x̄', length d (read)
     * @param vEndBar    v̄', length d (read)
     * @param thetaBarIn θ̄ᵢₙ, length P (read): the gradient in θ of the steps after this one
     * @param xBar       length d (overwritten; must not be xEndBar or vEndBar)
     * @param vBar       length d (overwritten; must not be xEndBar or vEndBar)
     * @param thetaBar   length P (overwritten; must not be thetaBarIn)
     */
    void rk4StepVjp(double t, double h, double[] theta, double[] rows, int at, double[] xEndBar, double[] vEndBar,
                    double[] thetaBarIn, double[] xBar, double[] vBar, double[] thetaBar);

    /**
     * The state part of {@link #rk4StepVjp}: x̄ and v̄ only, for callers that do not need θ̄
     * (Newton's Jacobian by reverse passes, a log's backward pass without θ). The compiler emits
     * it from the same DAG with the θ̄ outputs dropped, so the θ-only nodes are never computed
     * (θ̄ = āᵀ∂a/∂θ adds about half the nodes on a network metric, issue 23) and x̄, v̄ are the
     * full kernel's bits. This default runs the full VJP into scratch arrays, for hand-written kernels
     * and model classes compiled before it existed.
     *
     * @param rows    the trajectory (read)
     * @param xEndBar x̄', length d (read)
     * @param vEndBar v̄', length d (read)
     * @param xBar    length d (overwritten; must not be xEndBar or vEndBar)
     * @param vBar    length d (overwritten; must not be xEndBar or vEndBar)
     */
    default void rk4StepVjpStates(double t, double h, double[] theta, double[] rows, int at, double[] xEndBar,
                                  double[] vEndBar, double[] xBar, double[] vBar) {
        rk4StepVjp(t, h, theta, rows, at, xEndBar, vEndBar, new double[theta.length], xBar, vBar,
                new double[theta.length]);
    }
}
