package geo.runtime.api;

/**
 * The second-order dynamics x'' = a(t, x, v; θ) with their derivatives: the geodesic spray
 * a = −Γ(x)[v, v] of a metric, or the Euler–Lagrange acceleration of a Lagrangian.
 */
public interface AccelerationKernels extends CompiledModel {

    /**
     * The acceleration.
     *
     * @param t     the time (ignored by metrics and time-independent Lagrangians)
     * @param x     the point, length d (read)
     * @param v     the velocity, length d (read)
     * @param theta the parameters, length P (read)
     * @param a     the result, length d (overwritten)
     */
    void acceleration(double t, double[] x, double[] v, double[] theta, double[] a);

    /**
     * The directional derivative da = ∂a/∂x · dx + ∂a/∂v · dv (the variational equations).
     *
     * @param da the result, length d (overwritten); all other arrays are read
     */
    void accelerationJvp(double t, double[] x, double[] v, double[] theta, double[] dx, double[] dv,
                         double[] da);

    /**
     * The vector–Jacobian product with the cotangent ā: x̄ = āᵀ ∂a/∂x, v̄ = āᵀ ∂a/∂v, θ̄ = āᵀ ∂a/∂θ.
     *
     * @param xBar     length d (overwritten)
     * @param vBar     length d (overwritten)
     * @param thetaBar length P (overwritten)
     */
    void accelerationVjp(double t, double[] x, double[] v, double[] theta, double[] aBar, double[] xBar,
                         double[] vBar, double[] thetaBar);

    /**
     * The state part of {@link #accelerationVjp}: x̄ = āᵀ ∂a/∂x and v̄ = āᵀ ∂a/∂v only, for callers
     * that drop θ̄ (Newton's exact Jacobian by reverse passes, a log's backward pass without θ).
     * Compiled models emit it from the same DAG with the θ̄ outputs dropped, so the θ-only nodes
     * are not computed and x̄, v̄ are the full VJP's bits. This default runs the full VJP into a
     * scratch array, for hand-written kernels and model classes compiled before it existed.
     *
     * @param xBar length d (overwritten)
     * @param vBar length d (overwritten)
     */
    default void accelerationVjpStates(double t, double[] x, double[] v, double[] theta, double[] aBar,
                                       double[] xBar, double[] vBar) {
        accelerationVjp(t, x, v, theta, aBar, xBar, vBar, new double[theta.length]);
    }

    /**
     * The acceleration and {@code count} directional derivatives at one point: {@code a} as
     * {@link #acceleration}, and da_j = ∂a/∂x · dx_j + ∂a/∂v · dv_j for j &lt; count as
     * {@link #accelerationJvp}, the same numbers. Directions are columns: element i of direction j
     * is at {@code [i · count + j]} (a d×count matrix, row-major, such as the Jacobi fields X(t) of
     * the variational equations). Kernels that solve a linear system for a
     * ({@link ImplicitAcceleration}) factor it once for all directions instead of once per JVP.
     *
     * @param a  the acceleration, length d (overwritten)
     * @param dx the position tangents, length d·count (read)
     * @param dv the velocity tangents, length d·count (read)
     * @param da the derivatives, length d·count (overwritten)
     */
    default void accelerationJvps(double t, double[] x, double[] v, double[] theta, double[] a, int count,
                                  double[] dx, double[] dv, double[] da) {
        acceleration(t, x, v, theta, a);
        int d = a.length;
        double[] cx = new double[d];
        double[] cv = new double[d];
        double[] ca = new double[d];
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < d; i++) {
                cx[i] = dx[i * count + j];
                cv[i] = dv[i * count + j];
            }
            accelerationJvp(t, x, v, theta, cx, cv, ca);
            for (int i = 0; i < d; i++) {
                da[i * count + j] = ca[i];
            }
        }
    }
}
