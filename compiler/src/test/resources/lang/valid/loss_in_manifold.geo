manifold WithLoss {
  coords x[2];
  param A[2, 2] = [[1, 0], [0, 1]];
  metric g = A * A' + eye(2);
  loss fit(p[2], q[2]) = dot(A * p - q, A * p - q);
}
