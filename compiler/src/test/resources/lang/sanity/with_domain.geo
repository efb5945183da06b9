// the same metric with its domain declared: every sample is inside the unit ball, no warning
manifold M {
  coords x[2] in ball(1);
  metric g = (2 / (1 - dot(x, x))) * eye(2);
}
