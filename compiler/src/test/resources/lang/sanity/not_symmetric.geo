manifold M {
  coords x[2] in ball(1);
  metric g = [[2, x[0]], [0, 2]];
}
// @warning 3:14 metric 'g' is not symmetric: g[0,1] = -0.6879 but g[1,0] = 0.000 at x = (-0.6879, -0.6350)
