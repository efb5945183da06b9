manifold M {
  metric g = eye(2);
}
// @error 1:10 manifold 'M' declares no coordinates; add a line such as 'coords x[2];'
