manifold M {
  coords x[2];
  let a = 1;
  let a = 2;
  metric g = a * eye(2);
}
// @error 4:7 duplicate definition of 'a' in manifold M
// @note 3:7 'a' is first defined here
