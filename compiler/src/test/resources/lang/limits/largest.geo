// 256 coordinates is the limit: a Poincaré ball of that dimension checks cleanly
manifold Largest {
  coords y[256] in ball(1);
  metric g = (2 / (1 - dot(y, y)))^2 * eye(256);
}
