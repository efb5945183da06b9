manifold M {
  coords x[2];
  let kinetic = 0.5 * dot(v, v);
  lagrangian L(v) = kinetic;
}
// @error 3:27 the velocity 'v' can only be used inside lagrangian 'L'
// @error 3:30 the velocity 'v' can only be used inside lagrangian 'L'
