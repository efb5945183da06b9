manifold M {
  coords r, r;
  metric g = eye(2);
}
// @error 2:13 duplicate definition of 'r' in manifold M
// @note 2:10 'r' is first defined here
