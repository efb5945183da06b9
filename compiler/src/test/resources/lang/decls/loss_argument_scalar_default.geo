// loss arguments without a shape are scalars
loss l(a, b) = (a - b)^2;
loss m(a) = dot(a, a);
// @error 3:13 dot needs two vectors of the same length, but got a scalar and a scalar
