// Derivatives inside expressions: a learned potential phi(p) (a small tanh network) whose
// gradient enters a loss, as in metric learning from population snapshots, where the penalty
// is 1/2 grad(phi)' A(p) grad(phi) with a metric A(p) (Scarvelis and Solomon, 2023); and the
// functions networks need (logsumexp, leaky_relu, elu, erf, log1p, expm1, max, min).
param W1[8, 2] ~ normal(0, 0.5);
param b1[8] ~ uniform(-0.1, 0.1);
param w2[8] ~ normal(0, 0.5);
param Wa[3, 2] ~ normal(0, 0.3);

def phi(q) = dot(w2, tanh(W1 * q + b1));
def A(q) = [[exp(dot(Wa[0, :], q)), 0], [dot(Wa[1, :], q), exp(dot(Wa[2, :], q))]];

// The penalty of the snapshot task: the potential's gradient in the metric A(p) A(p)'.
loss pen(p[2]) = 0.5 * grad(phi(p), p)' * A(p) * A(p)' * grad(phi(p), p);

// A Laplacian-like term: the trace of the Hessian of phi, a jacobian of a gradient.
loss lap(p[2]) = trace(jacobian(grad(phi(p), p), p))^2;

// Softmax cross-entropy of three logits, a leaky/elu network, a Gaussian CDF and the rest.
param Wc[3, 2] ~ normal(0, 0.5);
loss xent(p[2], y[3]) = logsumexp(Wc * leaky_relu(W1[0:2, :] * p, 0.1)) - dot(y, Wc * elu(W1[2:4, :] * p));
loss misc(p[2]) = sum(erf(p)) + log1p(p[0]^2) + expm1(0.5 * p[1]) + max(p[0], p[1]) * min(p[0], 0.5)
                  + sum(max(W1 * p, 0));

// A decoder's metric written with jacobian: the same as pullback(mu, z).
manifold Decoded {
  coords z[2];
  let mu = tanh(Wa * z);
  metric g = jacobian(mu, z)' * jacobian(mu, z) + 1e-3 * eye(2);
}
