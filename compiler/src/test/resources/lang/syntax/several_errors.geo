// all syntax errors of a file are reported, not only the first
manifold M {
  coords x[2];
  let a = 1 +* 2;
  let b = [1, 2;
  metric g = eye(2);
}
// @error 4:14 unexpected '*'; expected an expression
// @error 5:16 unexpected ';'; expected ']' or ','
