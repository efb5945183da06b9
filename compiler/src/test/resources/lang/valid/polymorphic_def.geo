def sq(a) = a * a;
def softmax(z) = exp(z) / sum(exp(z));
manifold P {
  coords x[3];
  let s = sq(2);
  let m = sq([[1, 2], [3, 4]]);
  let p = softmax(x);
  metric g = diag(p) + s * eye(3);
}
// @shape P.s scalar
// @shape P.m [2, 2]
// @shape P.p [3]
