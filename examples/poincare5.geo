// The Poincaré ball in dimension 5: the conformal factor is the same, the chart is bigger.
manifold PoincareBall5 {
  coords x[5] in ball(1);
  let lambda = 2 / (1 - dot(x, x));
  metric g = lambda^2 * eye(5);
}
