manifold M {
  coords x[2];
  param W[3, 3] ~ normal(0, 1);
  let h = W * x;
  metric g = eye(2);
}
// @error 4:13 matrix product needs matching inner dimensions, but the left operand is a 3×3 matrix and the right operand is a vector of length 2
