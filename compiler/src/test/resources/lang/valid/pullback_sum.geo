manifold Decoder {
  coords z[2];
  param W[4, 2] ~ normal(0, 1);
  param V[4, 2] ~ normal(0, 1);
  let mu = tanh(W * z);
  let sigma = softplus(V * z);
  metric g = pullback(mu, z) + pullback(sigma, z);
}
