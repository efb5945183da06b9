// The Poincaré ball model of hyperbolic space (curvature -1), dimension 2.
// Closed form: d(x, y) = arccosh(1 + 2|x - y|^2 / ((1 - |x|^2)(1 - |y|^2))).
manifold PoincareBall {
  coords x[2] in ball(1);
  metric g = (2 / (1 - dot(x, x)))^2 * eye(2);
}
