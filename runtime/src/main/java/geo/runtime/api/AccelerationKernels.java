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
}
