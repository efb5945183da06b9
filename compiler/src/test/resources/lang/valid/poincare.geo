manifold Poincare {
  coords x[2] in ball(1);
  let lambda = 2 / (1 - dot(x, x));
  metric g = lambda^2 * eye(2);
}
// @shape Poincare.lambda scalar
// @shape Poincare.g [2, 2]
