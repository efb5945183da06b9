manifold Well {
  coords q[2];
  param k = 1.5;
  lagrangian L(v, t) = 0.5 * v' * v - k * cos(t) * dot(q, q);
}
// @shape Well.L scalar
// @shape Well.k scalar
