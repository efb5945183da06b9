import "lib/util.geo";
manifold M {
  coords x[2];
  metric g = two * square(x) + shared * eye(2);
}
