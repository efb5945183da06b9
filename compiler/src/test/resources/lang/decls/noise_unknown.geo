loss l(x, eps ~ gauss) = x * eps;
// @error 1:17 unknown noise distribution 'gauss'; use ~ normal (standard normal draws N(0, 1)) or ~ uniform (draws U(0, 1)), and scale them in the loss
