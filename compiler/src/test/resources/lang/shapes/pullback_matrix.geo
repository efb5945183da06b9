manifold M {
  coords z[2];
  metric g = pullback(z * z', z);
}
// @error 3:23 pullback needs a scalar or vector expression, but got a 2×2 matrix
