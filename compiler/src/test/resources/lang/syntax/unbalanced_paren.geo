manifold M {
  coords x[2];
  let a = (1 + 2;
  metric g = eye(2);
}
// @error 3:17 expected ')', found ';'
