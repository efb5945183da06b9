// a run of bad characters is one error, however long
manifold M {
  coords x[2];
  metric g = eye(2) @@@@@@@@ ;
  let a = 1 # 2;
}
// @error 4:21 8 unexpected characters, starting with '@'
// @error 5:13 unexpected character '#'
