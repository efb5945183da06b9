manifold M {
  coords x[2];
  lagrangian L(v) = dot(v, v);
  lagrangian K(v) = 2 * dot(v, v);
}
// @error 4:14 manifold 'M' already has a lagrangian
// @note 3:14 the lagrangian is declared here
