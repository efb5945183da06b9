manifold M {
  coords x[2];
  let a = 1;
}
// @error 1:10 manifold 'M' has neither a metric nor a lagrangian
