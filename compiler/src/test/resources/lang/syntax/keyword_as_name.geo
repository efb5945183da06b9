manifold M {
  coords x[2];
  let metric = 2;
  metric g = eye(2);
}
// @error 3:7 expected a name, found 'metric'
