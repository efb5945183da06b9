manifold M {
  coords x[2];
  let a = dot(x, [1, 2, 3]);
  metric g = eye(2);
}
// @error 3:11 dot needs two vectors of the same length, but got a vector of length 2 and a vector of length 3
