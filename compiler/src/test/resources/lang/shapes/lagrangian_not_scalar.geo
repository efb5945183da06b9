manifold M {
  coords x[2];
  lagrangian L(v) = 0.5 * v;
}
// @error 3:21 lagrangian 'L' must be a scalar, but it is a vector of length 2
