// a fn's body is checked even when nothing calls it; arguments without a shape are scalars
fn f(a, v[3]) = dot(a, v);
fn g(m[2, 2]) = m * [1, 2, 3];
// @error 2:17 dot needs two vectors of the same length, but got a scalar and a vector of length 3
// @error 3:19 matrix product needs matching inner dimensions, but the left operand is a 2×2 matrix and the right operand is a vector of length 3
