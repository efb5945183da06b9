// A bilevel problem for implicit differentiation (geo.runtime.optim.ImplicitGradient):
// the inner loss is a ridge regression whose rows are weighted by w_i = exp(phi . x_i), weights
// learned from the features; the outer loss is the plain squared error on validation rows.
// The mean of `inner` over n rows is minimised by theta*(phi) = (X'WX + lambda I)^-1 X'W y with
// W = diag(w(phi)) and lambda = 0.01 n; dL_outer/dphi follows from the implicit function theorem.
param theta[3] = zeros;
param phi[3] = zeros;

loss inner(x[3], y) = exp(dot(phi, x)) * (dot(theta, x) - y)^2 + 0.01 * dot(theta, theta);
loss outer(x[3], y) = (dot(theta, x) - y)^2;
