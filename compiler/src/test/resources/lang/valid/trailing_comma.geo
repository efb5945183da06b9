manifold Trailing {
  coords x[2];
  metric g = [[1, 0,], [0, 1,],];
}
