manifold M {
  coords x[0];
  metric g = eye(1);
}
// @error 2:12 the number of coordinates must be a positive integer, but it is 0
