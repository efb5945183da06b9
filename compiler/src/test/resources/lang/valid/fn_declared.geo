// fns: compiled kernels that are also called like defs, from lets, losses, metrics and other fns
param W1[4, 2] ~ normal(0, 0.5);
param b1[4] = 0;
param W2[2, 4] ~ normal(0, 0.5);
fn hidden(x[2]) = tanh(W1 * x + b1);
fn predict(x[2]) = W2 * hidden(x);
fn scale(s, v[2]) = s * v * v';
let y0 = predict([1, 2]);
loss mse(x[2], y[2]) = dot(predict(x) - y, predict(x) - y);
loss elbo(x[2], eps[2] ~ normal, u ~ uniform) = dot(predict(x + 0.1 * eps) - x, x) * u;
manifold M {
  coords p[2];
  param A[2, 2] = [[1, 0], [0, 1]];
  let B = A * A';
  fn lin(z[2]) = B * z + predict(z);
  metric g = B + eye(2) + scale(0.01, lin(p));
}
// @shape y0 [2]
// @shape M.B [2, 2]
