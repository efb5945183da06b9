manifold M {
  coords x[2];
  param W[3, 2] ~ normal(0, 1);
  let h = W * x + [1, 2];
  metric g = eye(2);
}
// @error 4:17 cannot add a vector of length 2 to a vector of length 3
