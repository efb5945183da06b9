param a = 1;
param b = a + 1;
// @error 2:11 the initial value of 'b' must be a constant, but 'a' is a parameter
