manifold Surface {
  coords u, w;
  let f = [u, w, u^2 - w^2];
  metric g = pullback(f, [u, w]);
}
// @shape Surface.f [3]
