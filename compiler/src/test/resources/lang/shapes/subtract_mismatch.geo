manifold M {
  coords x[2];
  metric g = eye(2) - eye(3);
}
// @error 3:21 cannot subtract a 3×3 matrix from a 2×2 matrix
