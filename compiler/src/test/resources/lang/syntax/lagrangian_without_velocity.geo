manifold M {
  coords x[2];
  lagrangian L = dot(x, x);
}
// @error 3:16 expected '(', found '='
