manifold M {
  coords x[2];
  lagrangian L(x) = dot(x, x);
}
// @error 3:16 the velocity cannot be called 'x': that is the name of a coordinate
