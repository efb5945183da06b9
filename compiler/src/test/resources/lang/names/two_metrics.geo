manifold M {
  coords x[2];
  metric g = eye(2);
  metric h = 2 * eye(2);
}
// @error 4:10 manifold 'M' already has a metric
// @note 3:10 the metric is declared here
