// The unit sphere in spherical coordinates (theta = polar angle, phi = azimuth, an angle).
// Geodesics are great circles; the scalar curvature is 2 everywhere.
// Closed form: d = arccos(cos t1 cos t2 + sin t1 sin t2 cos(p1 - p2)).
manifold Sphere {
  coords theta, phi in box([0.01, -pi], [3.13, pi]) periodic(phi, 2 * pi);
  metric g = diag([1, sin(theta)^2]);
}
