loss l(a[2]) = a * 2;
// @error 1:16 loss 'l' must be a scalar, but it is a vector of length 2
