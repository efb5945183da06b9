let x = 3;
def f(x) = 2 * x;
manifold Shadow {
  coords y[2];
  let s = f(x);
  metric g = s * eye(2);
}
