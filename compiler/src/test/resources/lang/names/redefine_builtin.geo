def exp(a) = a;
let pi = 3;
// @error 1:5 'exp' is a built-in function and cannot be redefined
// @error 2:5 'pi' is a built-in constant and cannot be redefined
