// A conformal metric with a learnable bump: g = (1 + a exp(-|x - c|^2)) I.
manifold Bump {
  coords x[2];
  param a = 0.5;
  param c[2] = [0, 0];
  metric g = (1 + a * exp(-dot(x - c, x - c))) * eye(2);
}
