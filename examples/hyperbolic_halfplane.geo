// The upper half-plane model of hyperbolic space: g = (dx^2 + dy^2) / y^2.
manifold HalfPlane {
  coords x, y in box([-100, 0.001], [100, 100]);
  metric g = eye(2) / y^2;
}
