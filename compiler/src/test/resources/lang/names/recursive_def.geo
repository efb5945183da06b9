def f(n) = f(n - 1) + 1;
// @error 1:5 recursive function: f -> f
