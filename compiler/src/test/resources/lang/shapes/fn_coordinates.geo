manifold M {
  coords x[2];
  param A[2, 2] = [[1, 0], [0, 1]];
  let h = 2 * x;
  let K = A * A';
  fn f(z[2]) = K * z + x;
  fn q(z[2]) = dot(z, h);
  metric g = K + eye(2);
}
// @error 6:24 fn 'f' cannot use the coordinate 'x'; pass the point as an argument
// @error 7:23 fn 'q' cannot use 'h', which depends on the coordinates; pass the point as an argument
