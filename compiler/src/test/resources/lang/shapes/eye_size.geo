manifold M {
  coords x[2];
  param n = 2;
  let a = eye(n);
  let b = eye(0);
  metric g = eye(2);
}
// @error 4:15 the size of eye must be a constant, but 'n' is a parameter
// @error 5:15 the size of eye must be at least 1
