manifold Sphere {
  coords theta, phi;
  metric g = diag([1, sin(theta)^2]);
}
// @shape Sphere.g [2, 2]
