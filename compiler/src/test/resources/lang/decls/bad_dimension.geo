param a[0] = 1;
param b[2.5] = 1;
param c[2, 2, 2] = 1;
// @error 1:9 a dimension must be a positive integer, but it is 0
// @error 2:9 a dimension must be a positive integer, but it is 2.5
// @error 3:15 a parameter has at most 2 dimensions (a matrix)
