manifold M {
  coords x[1];
  metric g = eye(1);
}
manifold M {
  coords x[1];
  metric g = eye(1);
}
// @error 5:10 duplicate definition of 'M' in the top level of duplicate_manifold.geo
// @note 1:10 'M' is first defined here
