def f(a) = a * a;
manifold M {
  coords x[2];
  let s = f(x);
  metric g = eye(2);
}
// @error 1:14 cannot multiply two vectors with '*': use dot(a, b) for the inner product, a' * b for a scalar or a * b' for the outer product
// @note 4:11 in this call
