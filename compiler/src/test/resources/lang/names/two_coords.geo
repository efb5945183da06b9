manifold M {
  coords x[2];
  coords y[2];
  metric g = eye(2);
}
// @error 3:3 manifold 'M' already declares its coordinates
// @note 2:3 the coordinates are declared here
