manifold M {
  coords x[2];
  param A[2, 3] = zeros;
  metric g = A * A;
}
// @error 4:16 matrix product needs matching inner dimensions, but the left operand is a 2×3 matrix and the right operand is a 2×3 matrix
