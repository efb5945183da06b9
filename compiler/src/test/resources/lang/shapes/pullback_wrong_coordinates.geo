manifold M {
  coords z[2];
  let w = 2 * z;
  metric g = pullback(tanh(z), w);
}
// @error 4:32 the second argument of pullback must be the coordinate vector (as in pullback(f, x) for 'coords x[2]'), or the list of the named coordinates in order
