// lets may be used before they are defined: the order of definitions does not matter
manifold O {
  coords x[2];
  metric g = c * eye(2);
  let c = 1 + b;
  let b = dot(a, a);
  let a = 2 * x;
}
// @shape O.c scalar
