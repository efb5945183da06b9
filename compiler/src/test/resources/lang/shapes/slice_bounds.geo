manifold M {
  coords x[3];
  let a = x[1:4];
  let b = x[2:2];
  metric g = eye(3);
}
// @error 3:13 slice 1:4 is out of bounds for a vector of length 3
// @error 4:13 slice 2:2 is empty
