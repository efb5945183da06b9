manifold M {
  coords x[2];
  metric g = tanhh(x[0]) * eye(2);
}
// @error 3:14 undefined function 'tanhh'; did you mean 'tanh'?
