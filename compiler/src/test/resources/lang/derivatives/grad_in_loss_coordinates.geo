manifold M {
  coords x[2];
  metric g = eye(2);
  loss l(p[2]) = dot(grad(dot(x, x), x), p);
}
// @error 4:31 loss 'l' cannot use the coordinate 'x'; pass the point as an argument
// @error 4:34 loss 'l' cannot use the coordinate 'x'; pass the point as an argument
// @error 4:38 loss 'l' cannot use the coordinate 'x'; pass the point as an argument
