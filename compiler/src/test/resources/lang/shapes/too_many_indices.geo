manifold M {
  coords x[2];
  let a = x[0, 1];
  let b = eye(2)[0, 1, 0];
  metric g = eye(2);
}
// @error 3:11 a vector takes one index, but 2 were given
// @error 4:11 a matrix takes one or two indices, but 3 were given
