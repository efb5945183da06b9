// coords x[100000] ran the checker for 60 s to 5.8 GB and died with an OutOfMemoryError
manifold Huge {
  coords x[100000];
  metric g = eye(2);
}
// a Lagrangian's d² velocity Hessian overflowed an int at d = 65536
manifold Overflow {
  coords q[65536];
  lagrangian L(v) = 0.5 * dot(v, v);
}
// @error 3:12 a manifold has at most 256 coordinates, but this one has 100000 (the equations of motion need d³ derivatives)
// @error 8:12 a manifold has at most 256 coordinates, but this one has 65536 (the equations of motion need d³ derivatives)
