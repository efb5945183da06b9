manifold M {
  coords x[2];
  metric g = eye(2)^2;
}
// @error 3:20 cannot raise a 2×2 matrix to a power; write the matrix product (A * A) or apply a function element-wise
