manifold M {
  coords x[2];
  let s = 2;
  metric g = s(x) * eye(2);
}
// @error 4:14 's' is a let, not a function
// @note 3:7 's' is declared here
