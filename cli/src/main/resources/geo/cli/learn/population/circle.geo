// Ground truth of the Circle set (Scarvelis & Solomon 2023, section 5.1), in the non-degenerate form of
// lagrangian-ot's ScarvelisMetric: G = I - (1 - eps) v v', eps = 1e-3, so motion along v costs
// eps and motion across it costs 1. v is the counter-clockwise unit tangent (-x1, x0) / |x|.
manifold CircleField {
  coords x[2];
  let v = [-x[1], x[0]] / max(norm(x), 1e-6);
  metric g = eye(2) - (1 - 1e-3) * v * v';
}
