manifold M {
  coords x[2];
  let a = x[0][0];
  metric g = eye(2);
}
// @error 3:11 cannot index a scalar
