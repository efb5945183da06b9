manifold M {
  coords x[2];
  let lambda = 2;
  metric g = lamda * eye(2);
}
// @error 4:14 undefined name 'lamda'; did you mean 'lambda'?
