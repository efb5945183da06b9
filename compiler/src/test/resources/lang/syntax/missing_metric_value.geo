manifold M {
  coords x[2];
  metric g = ;
}
// @error 3:14 expected an expression, found ';'
