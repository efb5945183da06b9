def f(a, b) = a + b;
let s = f(1);
// @error 2:9 'f' takes 2 arguments, but 1 was given
