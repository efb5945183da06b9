// @error 6:3 unterminated block comment: missing '*/'
// @error 5:21 expected a declaration (coords, param, let, def, metric, lagrangian, loss) or '}' before the end of the file
manifold M {
  coords x[2];
  metric g = eye(2);
  /* this comment never ends
}
