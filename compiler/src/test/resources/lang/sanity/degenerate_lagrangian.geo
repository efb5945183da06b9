// L linear in the velocity: its Hessian in v is zero everywhere
manifold M {
  coords x[2];
  lagrangian L(v) = dot(x, v) + dot(x, x);
}
// @warning 4:21 lagrangian 'L' fails the Legendre condition at x = (0.1265, 0.4670), v = (-0.1025, 2.502): its Hessian in the velocity is singular or indefinite there, so the Euler-Lagrange equations cannot be solved for the acceleration
