// a def whose arguments all declare shapes is checked even if nobody calls it
def f(a[2], B[3, 3]) = B * a;
// @error 2:26 matrix product needs matching inner dimensions, but the left operand is a 3×3 matrix and the right operand is a vector of length 2
