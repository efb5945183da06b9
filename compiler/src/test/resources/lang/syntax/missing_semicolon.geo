manifold M {
  coords x[2]
  metric g = eye(2);
}
// @error 2:14 expected 'in', 'periodic' or ';' at the end of the line
