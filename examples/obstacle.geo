// Kinetic energy plus a Gaussian obstacle of height M centred at c: minimal-action paths bend
// around the obstacle (Lagrangian optimal transport, Pooladian et al., 2024).
manifold Obstacle {
  coords x[2];
  param c[2] = [0, 0];
  param M = 5;
  let width = 0.05;

  def potential(p) = M * exp(-dot(p - c, p - c) / width);

  lagrangian L(v) = 0.5 * dot(v, v) + potential(x);
}
