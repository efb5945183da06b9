// TaskMet on Cubic top-k (Bansal, Chen, Mukadam & Amos, NeurIPS 2023; LODL's CubicTopK):
// per item, a linear predictor y_hat = a x + b (dense_nn with layers = 1) and a learned
// scalar weight Lambda(x) = L(x)^2 + e^s with L(x) = Linear(200 -> 1)(relu(Linear(1 -> 200)(x)))
// (MetricNN with F = d = 1, h = 200). geo taskmet reads the parameter names: the predictor's are
// those of fn predict (Wp, bp), the metric's those of fn lfactor and s (M1, c1, M2, c2, s).
param Wp ~ uniform(-1, 1);
param bp ~ uniform(-1, 1);
param M1[200] ~ uniform(-1, 1);
param c1[200] ~ uniform(-1, 1);
param M2[200] ~ uniform(-0.0707, 0.0707);
param c2 ~ uniform(-0.0707, 0.0707);
param s = 0;

fn predict(x) = Wp * x + bp;
fn lfactor(x) = dot(M2, relu(M1 * x + c1)) + c2;
fn weight(x) = lfactor(x)^2 + exp(s);

// The inner (prediction) loss of one item: (y_hat - y)' Lambda(x) (y_hat - y).
loss pred(x, y) = weight(x) * (predict(x) - y)^2;
