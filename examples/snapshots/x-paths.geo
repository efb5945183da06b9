// Ground truth of the X Paths set (Scarvelis & Solomon 2023), normalised as lagrangian-ot's
// ScarvelisMetric does (v / 1.25, so that G stays positive definite): G = I - (1 - eps) v v',
// eps = 1e-3, v = (a v1 + b v2) / 1.25 with v1 = (1, 1)/sqrt(2), v2 = (1, -1)/sqrt(2),
// a = 1.25 tanh(relu(x0 x1)), b = -1.25 tanh(relu(-x0 x1)).
manifold XPathsField {
  coords x[2];
  let a = 1.25 * tanh(relu(x[0] * x[1]));
  let b = -1.25 * tanh(relu(-x[0] * x[1]));
  let v = (a * [1, 1] / sqrt(2) + b * [1, -1] / sqrt(2)) / 1.25;
  metric g = eye(2) - (1 - 1e-3) * v * v';
}
