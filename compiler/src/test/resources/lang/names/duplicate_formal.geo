def f(a, a) = a;
// @error 1:10 duplicate definition of 'a' in function f
// @note 1:7 'a' is first defined here
