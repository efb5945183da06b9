// Lagrangian OT over a hill (Pooladian et al. 2024, task lsb_hill): U = −M exp(−|x|²), M 0 → 0.05.
manifold Hill {
  coords x[2];
  param M = 0.05;
  lagrangian L(v) = 0.5 * dot(v, v) + M * exp(-dot(x, x));
}
