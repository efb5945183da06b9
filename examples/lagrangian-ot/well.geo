// Lagrangian OT in a well (Pooladian et al. 2024, task lsb_well): U = −M|x|², M 0 → 0.01.
manifold Well {
  coords x[2];
  param M = 0.01;
  lagrangian L(v) = 0.5 * dot(v, v) + M * dot(x, x);
}
