manifold M {
  coords x[2];
  let a = eye(2)[0, 5];
  metric g = eye(2);
}
// @error 3:21 column index 5 is out of bounds for a 2×2 matrix (indices start at 0)
