// The spline amortiser of amortiser.geo with two hidden layers of 64 instead of 128 (session 11's
// lever on the prediction's cost: 6,700 instead of 21,500 multiply-adds a pair, measured 1.0 against
// 3.0 us a row in the batch kernel). Used from saved dual networks with `geo lot --load DIR
// --fresh-amortiser --amortiser-fit 8000 --amortiser amortiser-small.geo` (README, session 11).
param aW1[64, 2] ~ normal(0, 0.5);  param aV1[64, 2] ~ normal(0, 0.5);  param ab1[64] = zeros;
param aW2[64, 64] ~ normal(0, 0.1); param ab2[64] = zeros;
param aW3[36, 64] ~ normal(0, 0.1); param ab3[36] = zeros;

fn path(x[2], y[2]) = aW3 * relu(aW2 * relu(aW1 * x + aV1 * y + ab1) + ab2) + ab3;
