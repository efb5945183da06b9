// The flat plane in polar coordinates: g = diag(1, r^2). Its Riemann tensor is identically 0.
// Closed form: d^2 = r1^2 + r2^2 - 2 r1 r2 cos(theta1 - theta2) for |theta1 - theta2| <= pi.
manifold PolarPlane {
  coords r, theta in box([0.01, -10], [100, 10]);
  metric g = [[1, 0],
              [0, r^2]];
}
