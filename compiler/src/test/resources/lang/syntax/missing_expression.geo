manifold M {
  coords x[2];
  let a = (x + ;
  metric g = eye(2);
}
// @error 3:16 expected an expression, found ';'
