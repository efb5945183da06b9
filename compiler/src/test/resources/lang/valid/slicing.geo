manifold S {
  coords x[4];
  param A[4, 4] = zeros;
  let head = x[0:2];
  let tail = x[2:];
  let first = x[:1];
  let row = A[1];
  let rowSlice = A[1, :];
  let column = A[:, 2];
  let block = A[0:2, 2:4];
  let topRows = A[0:2];
  let entry = A[3, 3];
  metric g = eye(4) + A;
}
// @shape S.head [2]
// @shape S.tail [2]
// @shape S.first [1]
// @shape S.row [4]
// @shape S.rowSlice [4]
// @shape S.column [4]
// @shape S.block [2, 2]
// @shape S.topRows [2, 4]
// @shape S.entry scalar
