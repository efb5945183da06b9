manifold Mixed {
  coords x[2];
  metric g = (1 + dot(x, x)) * eye(2);
  let V = exp(-dot(x, x));
  lagrangian L(v) = 0.5 * v' * g * v - V;
}
