manifold M {
  coords x[2];
  let a = [eye(2), eye(2)];
  metric g = eye(2);
}
// @error 3:12 a list cannot hold a matrix (element 1 is a 2×2 matrix)
