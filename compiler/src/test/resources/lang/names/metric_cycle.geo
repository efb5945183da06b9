manifold M {
  coords x[2];
  let s = trace(g);
  metric g = s * eye(2);
}
// @error 3:7 cyclic definition: s -> g -> s
