manifold M {
  coords x[2];
  metric g = dot(v, v) * eye(2);
}
// @error 3:18 undefined name 'v'; velocity and time exist only inside a lagrangian, as in 'lagrangian L(v, t) = ...'
// @error 3:21 undefined name 'v'; velocity and time exist only inside a lagrangian, as in 'lagrangian L(v, t) = ...'
