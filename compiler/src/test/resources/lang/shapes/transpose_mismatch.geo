// A' * x is a 3×2 matrix times a vector of length 2: a vector of length 3, not a metric
manifold M {
  coords x[2];
  param A[2, 3] = zeros;
  metric g = A' * x;
}
// @error 5:14 metric 'g' must be a 2×2 matrix (the manifold has 2 coordinates), but it is a vector of length 3
