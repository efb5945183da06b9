manifold N {
  coords x[1];
  param a = 1.5e-3;
  param b = .25;
  param c = 2.;
  param d = 3E+2;
  param e = -pi / 2;
  metric g = [[a + b + c + d + e + 1000]];
}
