manifold M {
  coords z[2];
  let w = 2 * z;
  metric g = pullback(tanh(z), w);
}
// @error 4:32 the second argument of pullback must be a variable to differentiate by (coordinates, a velocity, time, a loss argument, or elements, slices or lists of those), but 'w' is a let
