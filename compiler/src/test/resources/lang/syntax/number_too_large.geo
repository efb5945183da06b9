manifold M {
  coords x[1];
  metric g = [[1e999]];
}
// @error 3:16 number 1e999 is too large for a double
