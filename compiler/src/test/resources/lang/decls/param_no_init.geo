param W[2, 2];
// @error 1:7 parameter 'W' needs an initial value: = value, = zeros, ~ normal(mu, sigma) or ~ uniform(a, b)
