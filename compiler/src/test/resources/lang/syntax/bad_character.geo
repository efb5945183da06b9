manifold M {
  coords x[2];
  metric g = eye(2) # 2;
}
// @error 3:21 unexpected character '#'
