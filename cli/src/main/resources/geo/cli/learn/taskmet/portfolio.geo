// TaskMet on Portfolio (Wang et al. 2020 via LODL): per stock, a 27 -> 500 -> 1 network with a tanh
// output predicts the next-day return (dense_nn, 2 layers, hidden 500); the metric is a scalar per stock,
// Lambda(x) = L(x)^2 + e^s with L = Linear(200 -> 1)(relu(Linear(27 -> 200)(x))) (MetricNN, d = 1, h = 200).
param W1[500, 27] ~ uniform(-0.192450, 0.192450);
param b1[500] ~ uniform(-0.192450, 0.192450);
param W2[500] ~ uniform(-0.044721, 0.044721);
param b2 ~ uniform(-0.044721, 0.044721);
param M1[200, 27] ~ uniform(-0.192450, 0.192450);
param c1[200] ~ uniform(-0.192450, 0.192450);
param M2[200] ~ uniform(-0.070711, 0.070711);
param c2 ~ uniform(-0.070711, 0.070711);
param s = 0;

fn predict(x[27]) = tanh(dot(W2, relu(W1 * x + b1)) + b2);
fn lfactor(x[27]) = dot(M2, relu(M1 * x + c1)) + c2;
fn weight(x[27]) = lfactor(x)^2 + exp(s);

loss pred(x[27], y) = weight(x) * (predict(x) - y)^2;
