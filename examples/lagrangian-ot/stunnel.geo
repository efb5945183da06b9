// GSB S-tunnel: two ellipses, U = −M Σ_± σ((90 − (20(x₀ ∓ 5)² + (x₁ ∓ 6)²))/τ); M 0 → 0.1, τ 1 → 0.1.
manifold Stunnel {
  coords x[2];
  param M = 0.1;
  param tau = 0.1;
  def ellipse(a, b) = sigmoid((90 - (20 * (x[0] - a)^2 + (x[1] - b)^2)) / tau);
  lagrangian L(v) = 0.5 * dot(v, v) + M * (ellipse(5, 6) + ellipse(-5, -6));
}
