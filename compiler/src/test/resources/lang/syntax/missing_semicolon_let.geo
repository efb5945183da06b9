manifold M {
  coords x[2];
  let a = 1 + 2
  metric g = a * eye(2);
}
// @error 3:16 missing ';' at the end of the line
