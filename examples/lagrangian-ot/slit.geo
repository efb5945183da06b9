// Lagrangian OT through a slit (Pooladian et al. 2024, task lsb_slit): a wall |x₀| < 0.1 with an
// opening |x₁| < 0.25, U = M·b(x₀, 0.1)·(b(x₁, 0.25) − 1), b(s, w) = σ((s + w)/τ) − σ((s − w)/τ).
// Annealed M 0 → 1, τ 0.1 → 0.01; these are the final values.
manifold Slit {
  coords x[2];
  param M = 1;
  param tau = 0.01;
  def bump(s, w) = sigmoid((s + w) / tau) - sigmoid((s - w) / tau);
  lagrangian L(v) = 0.5 * dot(v, v) + M * bump(x[0], 0.1) * (1 - bump(x[1], 0.25));
}
