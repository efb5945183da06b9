manifold M {
  coords x[2];
  metric g = eye(2);
// @error 3:21 expected a declaration (coords, param, let, def, metric, lagrangian, loss) or '}' before the end of the file
