// the example of "fn" in language.md: a 2 -> 64 -> 64 -> 1 tanh network
param W1[64, 2] ~ normal(0, 0.5);   param b1[64] = zeros;
param W2[64, 64] ~ normal(0, 0.1);  param b2[64] = zeros;
param W3[1, 64] ~ normal(0, 0.1);   param b3 = 0;
fn predict(x[2]) = W3 * tanh(W2 * tanh(W1 * x + b1) + b2) + b3;
loss mse(x[2], y) = (predict(x) - y)^2;
manifold M {
  coords p[2];
  param A[2, 2] = [[1, 0], [0, 1]];
  fn lin(z[2]) = A * z;
  def outer(v[2]) = v * v';
  metric g = eye(2) + outer(lin(p));
}
