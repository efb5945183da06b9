manifold M {
  coords x[2];
  metric g = eye(3);
}
// @error 3:14 metric 'g' must be a 2×2 matrix (the manifold has 2 coordinates), but it is a 3×3 matrix
