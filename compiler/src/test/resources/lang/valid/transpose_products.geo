manifold T {
  coords x[3];
  param A[3, 3] = [[2, 0, 0], [0, 2, 0], [0, 0, 2]];
  let quad = x' * A * x;
  let outer = x * x';
  let row = x' * A;
  let col = A * x;
  let gram = A' * A;
  metric g = gram + outer + quad * eye(3);
}
// @shape T.quad scalar
// @shape T.outer [3, 3]
// @shape T.row [1, 3]
// @shape T.col [3]
