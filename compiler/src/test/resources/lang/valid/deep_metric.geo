manifold Deep {
  coords x[2];
  param W1[32, 2] ~ normal(0, 0.3);
  param b1[32] = 0;
  param W2[3, 32] ~ normal(0, 0.3);
  param b2[3] = zeros;
  let h = tanh(W1 * x + b1);
  let l = W2 * h + b2;
  let L = [[exp(l[0]), 0], [l[1], exp(l[2])]];
  metric g = L * L' + 1e-3 * eye(2);
}
// @shape Deep.h [32]
// @shape Deep.l [3]
// @shape Deep.L [2, 2]
// @shape Deep.W1 [32, 2]
