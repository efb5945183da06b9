manifold M {
  coords x[2];
  let a = x[2];
  metric g = eye(2);
}
// @error 3:13 index 2 is out of bounds for a vector of length 2 (indices start at 0)
