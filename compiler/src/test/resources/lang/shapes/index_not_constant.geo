manifold M {
  coords x[2];
  param k = 1;
  let a = x[k];
  let b = x[0.5];
  metric g = eye(2);
}
// @error 4:13 an index must be a constant, but 'k' is a parameter
// @error 5:13 an index must be a non-negative integer, but it is 0.5
