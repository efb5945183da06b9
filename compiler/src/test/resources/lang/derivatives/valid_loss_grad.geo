// grad of a potential inside a loss, through a def whose argument is bound to the loss's input.
param W1[8, 2] ~ normal(0, 0.5);
param b1[8] = 0;
param w2[8] ~ normal(0, 0.5);
def phi(q) = dot(w2, tanh(W1 * q + b1));
def energy(q) = grad(phi(q), q);
let A = [[2, 0.5], [0.5, 1]];
loss pen(p[2]) = 0.5 * grad(phi(p), p)' * A * grad(phi(p), p);
loss pen2(p[2]) = 0.5 * energy(p)' * A * energy(p);
loss curv(p[2], y) = (y - sum(jacobian(energy(p), p)))^2;
loss m(M[2, 2]) = sum(grad(sum(M * M), M));

manifold Flow {
  coords x[2];
  let e = energy(x);
  metric g = eye(2) + e * e';
}
// @shape Flow.e [2]
