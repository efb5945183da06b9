manifold M {
  coords x[2];
  param A[2, 3] = zeros;
  let a = det(A);
  let b = inv(A);
  let c = trace(A);
  let d = diag(A);
  metric g = eye(2);
}
// @error 4:15 det needs a square matrix, but got a 2×3 matrix
// @error 5:15 inv needs a square matrix, but got a 2×3 matrix
// @error 6:17 trace needs a square matrix, but got a 2×3 matrix
// @error 7:16 diag needs a vector or a square matrix, but got a 2×3 matrix
