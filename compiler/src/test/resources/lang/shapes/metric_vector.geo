manifold M {
  coords r, theta;
  metric g = [1, r^2];
}
// @error 3:14 metric 'g' must be a 2×2 matrix (the manifold has 2 coordinates), but it is a vector of length 2
