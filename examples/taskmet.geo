// Task-driven metric learning (TaskMet; Bansal, Chen, Mukadam & Amos, NeurIPS 2023):
// a prediction loss measured in a learned metric Lambda(feat) of the features.
param Wf[3, 4] ~ normal(0, 0.1);
param bf[3] = zeros;

def Lambda(feat[4]) = [[exp(dot(Wf[0, :], feat) + bf[0]), 0],
                       [dot(Wf[1, :], feat) + bf[1],       exp(dot(Wf[2, :], feat) + bf[2])]];

// The learned metric: a fn, so it also compiles to kernels of its own (value, JVP, VJP) that
// can be evaluated on its own; the loss below calls it like a def.
fn metricOf(feat[4]) = Lambda(feat) * Lambda(feat)' + 1e-3 * eye(2);

loss pred(yhat[2], y[2], feat[4]) = (yhat - y)' * metricOf(feat) * (yhat - y);
