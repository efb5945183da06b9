param W[2, 3] ~ uniform(-1, 1);
def Lambda(f[3]) = diag(exp(W * f));
loss pred(yhat[2], y[2], feat[3]) = (yhat - y)' * Lambda(feat) * (yhat - y);
