manifold Boxed {
  coords a, b in box(-1, [2, 3]);
  metric g = eye(2) * (7 + a * b);
}
