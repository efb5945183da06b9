// grad and jacobian of coordinates, elements, slices and lists of them, nested.
manifold M {
  coords x[3];
  param W[2, 3] ~ normal(0, 1);
  let gr = grad(dot(x, x), x);
  let J = jacobian(tanh(W * x), x);
  let Js = jacobian(sum(x), x);
  let Jx = jacobian(x, x[0]);
  let H0 = grad(grad(x[0]^2 * x[1], x)[0], x);
  let gi = grad(x[0]^3, x[0]);
  let gs = grad(dot(x, x), x[1:3]);
  let gl = grad(x[0] * x[2], [x[2], x[0]]);
  let Jt = jacobian(tanh(W * x), x)';
  let P = pullback(tanh(W * x), x[0:2]);
  metric g = eye(3) + J' * J;
}

manifold Named {
  coords u, w;
  let f = [u, w, u^2 - w^2];
  let J = jacobian(f, [u, w]);
  let gu = grad(u^2 * w, u);
  metric g = J' * J + 1e-3 * eye(2);
}

manifold Moving {
  coords q[2];
  lagrangian L(v, t) = 0.5 * dot(grad(0.5 * dot(v, v) + t * q[0], v), v) + grad(t^2, t);
}
// @shape M.gr [3]
// @shape M.J [2, 3]
// @shape M.Js [1, 3]
// @shape M.Jx [3, 1]
// @shape M.H0 [3]
// @shape M.gi scalar
// @shape M.gs [2]
// @shape M.gl [2]
// @shape M.Jt [3, 2]
// @shape M.P [2, 2]
// @shape Named.J [3, 2]
// @shape Named.gu scalar
