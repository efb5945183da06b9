manifold M {
  coords x[2];
  let s = 1 / x;
  metric g = eye(2);
}
// @error 3:13 cannot divide by a vector of length 2: the divisor must be a scalar
