manifold A {
  coords theta, phi periodic(psi, 2 * pi);
  metric g = eye(2);
}
manifold B {
  coords theta, phi periodic(phi, -1);
  metric g = eye(2);
}
manifold C {
  coords theta, phi periodic(phi, k);
  param k = 2;
  metric g = eye(2);
}
manifold D {
  coords x[2] periodic(x, 2 * pi);
  metric g = eye(2);
}
manifold E {
  coords x[2] periodic(x[2], 2 * pi);
  metric g = eye(2);
}
manifold F {
  coords x[2] in ball(1) periodic(x[1], 2 * pi);
  metric g = eye(2);
}
manifold G {
  coords theta, phi periodic(phi, 2 * pi) periodic(phi, pi);
  metric g = eye(2);
}
manifold H {
  coords theta, phi periodic(phi, [1, 2]);
  metric g = eye(2);
}
manifold I {
  coords theta, phi periodic(theta[0], 1);
  metric g = eye(2);
}
manifold J {
  coords theta, phi periodic(phi, 1 / 0);
  metric g = eye(2);
}
// @error 2:30 'psi' is not a coordinate; the coordinates are theta, phi
// @error 6:35 the period of a coordinate must be a positive number, but it is -1
// @error 10:35 the period of a coordinate must be a constant, but 'k' is a parameter
// @error 15:24 'x' is a coordinate vector: name one element, e.g. periodic(x[0], 2 * pi)
// @error 19:26 index 2 is out of bounds for the 2 coordinates x[2]
// @error 23:26 a periodic coordinate cannot be combined with ball(r), which bounds every coordinate; use box(lo, hi) or no domain
// @error 27:52 coordinate 'phi' is declared periodic twice
// @error 31:35 the period of a coordinate must be a positive number, but it is a vector of length 2
// @error 35:36 'theta' is a scalar coordinate: it takes no index
// @error 39:35 the period of a coordinate is not a finite number
