param c[2] = [1, 2, 3];
// @error 1:14 the initial value of 'c' is a vector of length 3, but the parameter is a vector of length 2
