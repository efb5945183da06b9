manifold M {
  coords x[2];
  let h = 2 * x;
  metric g = eye(2);
  loss l(a[2]) = dot(a, x) + dot(a, h);
}
// @error 5:25 loss 'l' cannot use the coordinate 'x'; pass the point as an argument
// @error 5:37 loss 'l' cannot use 'h', which depends on the coordinates; pass the point as an argument
