/**
 * Runtime stage: cubic-spline paths and the Lagrangian cost. A path γ: [0, 1] → Rᵈ is a cubic
 * spline with E equal segments, C² at the interior knots and fixed ends γ(0) = x, γ(1) = y,
 * parametrised by an explicit basis of the constraint null space ({@link geo.runtime.spline.SplineBasis}).
 * Its action S[γ] = ∫₀¹ L(t, γ, γ') dt is computed by Gauss–Legendre quadrature
 * ({@link geo.runtime.spline.SplineAction}) and minimised by L-BFGS
 * ({@link geo.runtime.spline.LagrangianCost}), which gives the cost c(x, y) = min S with its
 * gradients in x, y and θ by the envelope theorem. For a metric, L = ½ vᵀg(x)v and
 * min S = ½ d(x, y)².
 */
package geo.runtime.spline;
