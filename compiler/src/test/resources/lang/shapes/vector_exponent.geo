manifold M {
  coords x[2];
  let s = 2^x;
  metric g = eye(2);
}
// @error 3:12 the exponent must be a scalar, but it is a vector of length 2
