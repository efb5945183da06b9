// The dual potential g and the amortised c-transform map T of Pooladian et al. 2024 (models.py::MLP),
// reduced from 4 hidden layers of 64 to 3 of 32 (leaky_relu, slope 0.01). Initial values are drawn
// again by the trainer (LeCun normal matrices, zero biases; these initialisers only fix the shapes).
param gW1[32, 2] ~ normal(0, 0.7);   param gb1[32] = zeros;
param gW2[32, 32] ~ normal(0, 0.18); param gb2[32] = zeros;
param gW3[32, 32] ~ normal(0, 0.18); param gb3[32] = zeros;
param gW4[1, 32] ~ normal(0, 0.18);  param gb4 = 0;
param tW1[32, 2] ~ normal(0, 0.7);   param tb1[32] = zeros;
param tW2[32, 32] ~ normal(0, 0.18); param tb2[32] = zeros;
param tW3[32, 32] ~ normal(0, 0.18); param tb3[32] = zeros;
param tW4[2, 32] ~ normal(0, 0.18);  param tb4[2] = zeros;

def lr(a) = leaky_relu(a, 0.01);
def sp(a) = softplus(a);
def mlp3s(W1, b1, W2, b2, W3, b3, p) = sp(W3 * sp(W2 * sp(W1 * p + b1) + b2) + b3);
def mlp3(W1, b1, W2, b2, W3, b3, p) = lr(W3 * lr(W2 * lr(W1 * p + b1) + b2) + b3);

// g(y): R² → R.
fn g(y[2]) = sum(gW4 * mlp3s(gW1, gb1, gW2, gb2, gW3, gb3, y)) + gb4;
// T(x) = x + Dense(2)(MLP(x)): R² → R².
fn T(x[2]) = x + tW4 * mlp3(tW1, tb1, tW2, tb2, tW3, tb3, x) + tb4;
