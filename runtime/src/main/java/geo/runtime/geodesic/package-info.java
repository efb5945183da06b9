/**
 * Runtime stage: geodesic solvers on top of {@link geo.runtime.ode} and the compiled kernels of
 * {@link geo.runtime.api}. {@link geo.runtime.geodesic.Geodesics} computes the exponential map
 * exp_x(v) (the position at t = 1 of the geodesic with x(0) = x, x'(0) = v), samples geodesic
 * paths and records an {@link geo.runtime.geodesic.ExpTape} whose backward pass is the discrete
 * adjoint of the integrator used, i.e. the exact gradient of the computed map in x, v and θ;
 * {@link geo.runtime.geodesic.ParallelTransport} transports vectors along geodesics. The method
 * (fixed-step RK4 or adaptive DOPRI5) is a {@link geo.runtime.geodesic.GeodesicMethod}.
 * Solvers own scratch arrays and are not thread-safe: use one per thread.
 */
package geo.runtime.geodesic;
