// The 2→64→64→1 tanh regression network of issue 15, its squared error on one example.
// Benchmarked per example (loss and θ-gradient) by geo.bench.NetworkLossBenchmark against the
// same network written by hand in Java (NetworkHandWritten).
param W1[64, 2] ~ normal(0, 0.5);
param b1[64] = zeros;
param W2[64, 64] ~ normal(0, 0.125);
param b2[64] = zeros;
param w3[64] ~ normal(0, 0.125);
param b3 = 0;

def layer(W, b, x) = tanh(W * x + b);

loss mse(x[2], y) = (w3' * layer(W2, b2, layer(W1, b1, x)) + b3 - y)^2;
