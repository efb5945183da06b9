manifold M {
  coords x[2];
  lagrangian L(v) = dot(x, x);
}
// @warning 3:14 lagrangian 'L' does not depend on the velocity 'v', so it defines no motion
