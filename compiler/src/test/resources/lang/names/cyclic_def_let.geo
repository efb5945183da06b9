def f(a) = a * k;
let k = f(2);
// @error 1:5 cyclic definition: f -> k -> f
