manifold M {
  coords x[2];
  let s = x * x;
  metric g = s * eye(2);
}
// @error 3:13 cannot multiply two vectors with '*': use dot(a, b) for the inner product, a' * b for a scalar or a * b' for the outer product
