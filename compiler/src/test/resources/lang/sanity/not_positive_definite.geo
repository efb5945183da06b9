// sampled points show the metric is indefinite somewhere in the declared domain
manifold M {
  coords x[2] in box(-1, 1);
  metric g = [[1, 0], [0, x[0]]];
}
// @warning 4:14 metric 'g' is not positive definite at x = (-0.1059, 0.4995) (default parameters)
