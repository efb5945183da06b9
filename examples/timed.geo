// A time-dependent Lagrangian: a particle in a rotating quadratic potential.
manifold RotatingWell {
  coords q[2];
  param k = 1.5;
  param omega = 0.7;
  lagrangian L(v, t) = 0.5 * v' * v - 0.5 * k * (q[0] * cos(omega * t) + q[1] * sin(omega * t))^2;
}
