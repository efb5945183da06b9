manifold M {
  coords x[2];
  let a = dot(x);
  let b = sin(x, x);
  metric g = eye(2);
}
// @error 3:11 'dot' takes 2 arguments, but 1 was given
// @error 4:11 'sin' takes 1 argument, but 2 were given
