def f(a[2]) = dot(a, a);
let s = f([1, 2, 3]);
// @error 2:11 argument 1 of 'f' must be a vector of length 2, but it is a vector of length 3
