manifold M {
  coords x[2];
  metric g = (1 + t^2) * eye(2);
  lagrangian L(v, t) = dot(v, v) * t;
}
// @error 3:19 the time 't' can only be used inside lagrangian 'L'
