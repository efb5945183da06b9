param a[3] ~ gauss(0, 1);
param b[3] ~ normal(0, -1);
param c[3] ~ uniform(1, 0);
param d[3] ~ normal(0);
// @error 1:14 unknown initialiser 'gauss'; use normal(mu, sigma) or uniform(a, b)
// @error 2:24 the standard deviation of normal(mu, sigma) must be positive
// @error 3:12 uniform(a, b) needs a < b
// @error 4:12 normal(mu, sigma) takes 2 arguments, but 1 was given
