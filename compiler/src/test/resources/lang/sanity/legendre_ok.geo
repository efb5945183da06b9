// negative definite in the velocity is still solvable: no warning
manifold M {
  coords x[2];
  lagrangian L(v) = -0.5 * dot(v, v) - exp(x[0]);
}
