manifold M {
  coords x[2];
  metric g = y * eye(2);
}
// @error 3:14 undefined name 'y'
