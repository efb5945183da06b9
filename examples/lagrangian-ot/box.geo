// Lagrangian OT around a box (Pooladian et al. 2024, task lsb_box, potential from NLSB):
// L(x, v) = ½|v|² − U(x) with U = −M·b(x₀)·b(x₁), b(s) = σ((s + ½)/τ) − σ((s − ½)/τ).
// M and tau are annealed during training (M 0 → 0.01, τ 0.1 → 0.01); these are the final values.
manifold Box {
  coords x[2];
  param M = 0.01;
  param tau = 0.01;
  def bump(s, w) = sigmoid((s + w) / tau) - sigmoid((s - w) / tau);
  lagrangian L(v) = 0.5 * dot(v, v) + M * bump(x[0], 0.5) * bump(x[1], 0.5);
}
