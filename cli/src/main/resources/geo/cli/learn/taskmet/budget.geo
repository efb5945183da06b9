// TaskMet on Budget allocation (Wilder et al. 2019 via LODL): per item (channel), a 10 -> 500 -> 10
// network with a relu output predicts the item's 10 coverage probabilities (dense_nn, 2 layers, hidden 500);
// the metric Lambda(x) = L(x) L(x)' + e^s I is 10 x 10 with L = reshape_10x10(Linear(200 -> 100)(relu(
// Linear(10 -> 200)(x)))) (MetricNN, h = 200). Initial values follow PyTorch's Linear: U(-1/sqrt(fan_in), +).
param W1[500, 10] ~ uniform(-0.316228, 0.316228);
param b1[500] ~ uniform(-0.316228, 0.316228);
param W2[10, 500] ~ uniform(-0.044721, 0.044721);
param b2[10] ~ uniform(-0.044721, 0.044721);
param M1[200, 10] ~ uniform(-0.316228, 0.316228);
param c1[200] ~ uniform(-0.316228, 0.316228);
param M2[100, 200] ~ uniform(-0.070711, 0.070711);
param c2[100] ~ uniform(-0.070711, 0.070711);
param s = 0;

fn predict(x[10]) = relu(W2 * relu(W1 * x + b1) + b2);
// L(x) row-major: L[i][j] = lfactor(x)[10 i + j].
fn lfactor(x[10]) = M2 * relu(M1 * x + c1) + c2;
// L' r = sum_i r[i] L[i][:], so r' Lambda r = |L' r|^2 + e^s |r|^2.
def ltr(l, r) = r[0] * l[0:10] + r[1] * l[10:20] + r[2] * l[20:30] + r[3] * l[30:40] + r[4] * l[40:50] + r[5] * l[50:60] + r[6] * l[60:70] + r[7] * l[70:80] + r[8] * l[80:90] + r[9] * l[90:100];

loss pred(x[10], y[10]) = dot(ltr(lfactor(x), predict(x) - y), ltr(lfactor(x), predict(x) - y))
                          + exp(s) * dot(predict(x) - y, predict(x) - y);
