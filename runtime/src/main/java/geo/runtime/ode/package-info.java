/**
 * Runtime stage: ODE integration on flat {@code double[]} arrays for the second-order dynamics
 * x' = v, v' = a(t, x, v; θ) of compiled models and for first-order systems built on them
 * (parallel transport, variational equations).
 *
 * <ul>
 *   <li>{@link geo.runtime.ode.Rk4}: classical fixed-step Runge–Kutta of order 4;</li>
 *   <li>{@link geo.runtime.ode.DormandPrince54}: adaptive Dormand–Prince 5(4) with error control,
 *       step limits and its continuous extension (dense output);</li>
 *   <li>{@link geo.runtime.ode.AccelerationRungeKutta}: any explicit {@link geo.runtime.ode.Tableau}
 *       applied directly to (x, v), recording its stages so that the discrete adjoint
 *       (the exact gradient of the computed map) can be taken with the compiled VJP;</li>
 *   <li>{@link geo.runtime.ode.CommonsMathAdapter}: the Apache Commons Math integrators.</li>
 * </ul>
 *
 * Every integrator preallocates its stage arrays, so its step loop allocates nothing, and none
 * fails silently: a non-finite value, a blow-up, leaving the model's {@link geo.runtime.api.Domain},
 * too many steps or a vanishing step size end the integration with an
 * {@link geo.runtime.ode.IntegrationException} saying what happened, when, where and after how many
 * steps. Integrators own scratch arrays and are not thread-safe: use one per thread.
 */
package geo.runtime.ode;
