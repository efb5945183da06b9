// without a domain, samples come from [-1, 1]^2, where this conformal factor turns negative
manifold M {
  coords x[2];
  metric g = (2 / (1 - dot(x, x))) * eye(2);
}
// @warning 4:14 metric 'g' is not positive definite at x = (-0.8247, -0.7953) (default parameters)
