manifold M {
  coords x[2];
  let a = b + 1;
  let b = c * 2;
  let c = a - x[0];
  metric g = a * eye(2);
}
// @error 3:7 cyclic definition: a -> b -> c -> a
