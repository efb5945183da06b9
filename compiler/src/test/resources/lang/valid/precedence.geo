// -x^2 is -(x^2); 2^3^2 is 2^(3^2); a^-1 takes the unary minus in the exponent
manifold Prec {
  coords x[1];
  let a = -x[0]^2;
  let b = 2^3^2;
  let c = x[0]^-1;
  let d = 1 - 2 - 3;
  let e = 8 / 2 / 2;
  metric g = [[a + b + c + d + e]];
}
