// The learned metric of the Lagrangian-OT method (Pooladian et al. 2024, metrics.py::NeuralNetMetric):
// theta(x) = atan2(f0(x), f1(x)) from a leaky-ReLU network f, and A(x) = R(theta)' diag(1, 0.1) R(theta).
// Written without atan2: with u = f / |f| = (sin theta, cos theta), R' diag(1, 0.1) R = I - 0.9 u u',
// so the cheap direction (eigenvalue 0.1) is u and the expensive one (eigenvalue 1) is u's normal.
// Widths 2 -> 128 -> 128 -> 2, the paper's (lagrangian.geo is the 32-wide reduction the table runs; README.md).
// Initialised as flax.linen.Dense does: kernels with variance 1/fan_in (lecun_normal), biases zero.
// The zero biases matter: with them f is positively homogeneous (f(cx) = c f(x), c > 0), so the
// initial cheap direction depends only on the angle of x, as all three true fields do; a random
// first-layer bias (our earlier N(0, 0.5^2)) cost 0.013 of Circle's alignment (0.978 -> 0.991, seed 0).
manifold RotationMetric {
  coords x[2];
  param W1[128, 2] ~ normal(0, 0.70711);   param b1[128] = zeros;
  param W2[128, 128] ~ normal(0, 0.088388); param b2[128] = zeros;
  param W3[2, 128] ~ normal(0, 0.088388);   param b3[2] = zeros;
  let h1 = leaky_relu(W1 * x + b1, 0.01);
  let h2 = leaky_relu(W2 * h1 + b2, 0.01);
  let f = W3 * h2 + b3;
  let u = f / sqrt(dot(f, f) + 1e-12);
  metric g = eye(2) - 0.9 * u * u';
}
