manifold B {
  coords x[2];
  param A[2, 2] = [[2, 1], [1, 2]];
  let s = sum(x) + norm(x) + trace(A) + det(A) + dot(x, x);
  let d = diag(A);
  let D = diag(x);
  let I = inv(A);
  let e = sin(x) + cos(x) + tan(x) + exp(x) + log(x) + sqrt(x) + tanh(x) + sigmoid(x)
        + softplus(x) + relu(x) + abs(x) + sinh(x) + cosh(x) + atan(x);
  metric g = I + D * D + s * eye(2);
}
// @shape B.s scalar
// @shape B.d [2]
// @shape B.D [2, 2]
// @shape B.I [2, 2]
// @shape B.e [2]
