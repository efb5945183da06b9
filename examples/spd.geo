// A constant symmetric positive definite metric: geodesics are straight lines,
// exp_x(v) = x + v and d(x, y) = sqrt((y - x)' A (y - x)).
manifold ConstantSPD {
  coords x[3];
  param A[3, 3] = [[2.0, 0.5, 0.0],
                   [0.5, 1.0, 0.2],
                   [0.0, 0.2, 1.5]];
  metric g = A;
}
