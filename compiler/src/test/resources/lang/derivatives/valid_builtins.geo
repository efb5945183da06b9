// The functions networks need, with their shapes.
manifold M {
  coords x[3];
  param W[2, 3] ~ normal(0, 1);
  param s = 0.1;
  let a = max(x, 0);
  let b = min(x, 2 * x);
  let c = leaky_relu(W * x, s);
  let c2 = leaky_relu(W * x, 0.01);
  let d = elu(x) + log1p(x) + expm1(x) + erf(x);
  let e = logsumexp(x);
  let e1 = logsumexp([x[0]]);
  let f = logaddexp(x[0], x);
  metric g = eye(3);
}
// @shape M.a [3]
// @shape M.b [3]
// @shape M.c [2]
// @shape M.c2 [2]
// @shape M.d [3]
// @shape M.e scalar
// @shape M.e1 scalar
// @shape M.f [3]
