// Ground truth of the Mass Splitting set (Scarvelis & Solomon 2023; lagrangian-ot's "vee"):
// G = I - (1 - eps) v v', eps = 1e-3, v = (1, sign(x1)) / sqrt(2). The language has no sign(); for
// every |a| > 1e-100, min(max(1e100 * a, -1), 1) is exactly sign(a), and it is 0 at a = 0, as sign
// is (1e100, not a larger factor, so that the derivatives the geodesic kernels take, products of up
// to three such factors, stay finite). The metric jumps across x1 = 0, as in the original.
manifold MassSplittingField {
  coords x[2];
  let s = min(max(1e100 * x[1], -1), 1);
  let v = [1, s] / sqrt(2);
  metric g = eye(2) - (1 - 1e-3) * v * v';
}
