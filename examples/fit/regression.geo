// A small regression network for `geo fit` (examples/fit/README.md):
// y ≈ predict(x), a 2 -> 32 -> 32 -> 1 tanh network, fitted to y = sin(3 x0) cos(2 x1) on [-1, 1]².
// The first layer's weights are wide (sd 2) so that its units start across the frequencies of
// the target; the later layers use sd ≈ 1/sqrt(fan-in).
param W1[32, 2] ~ normal(0, 2);
param b1[32] ~ uniform(-1, 1);
param W2[32, 32] ~ normal(0, 0.18);
param b2[32] = zeros;
param w3[32] ~ normal(0, 0.18);
param b3 = 0;

// The predictor, compiled on its own too (geo eval --fn predict).
fn predict(x[2]) = dot(w3, tanh(W2 * tanh(W1 * x + b1) + b2)) + b3;

// The mean over rows of this per-row loss is the mean squared error.
loss mse(x[2], y) = (predict(x) - y)^2;
