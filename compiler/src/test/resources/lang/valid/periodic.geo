// Periodic coordinates: a torus (both angles) and the sphere's azimuth in a box.
manifold Torus {
  coords u, v periodic(u, 2 * pi) periodic(v, 2 * pi);
  metric g = diag([1, (2 + cos(u))^2]);
}
manifold Sphere {
  coords theta, phi in box([0.01, -pi], [3.13, pi]) periodic(phi, 2 * pi);
  metric g = diag([1, sin(theta)^2]);
}
manifold Cylinder {
  coords x[2] periodic(x[1], 1);
  metric g = eye(2);
}
