manifold M {
  coords x[2];
  let s = x / eye(2);
  metric g = eye(2);
}
// @error 3:13 cannot divide by a 2×2 matrix: the divisor must be a scalar (to solve A y = b write inv(A) * b)
