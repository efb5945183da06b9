param W[2, 2] = 1;
def d(q) = grad(dot(q, q), q);
manifold M {
  coords x[2];
  let h = 2 * x;
  let a = grad(x, x);
  let b = grad(sum(W * x), W);
  let c = grad(sum(h), h);
  let e = grad(dot(x, x), x + 1);
  let f = jacobian(x * x', x);
  let k = grad(x);
  let l = grad(x[0] * x[1], [x[0], x[0]]);
  let n = d(2 * x);
  let o = max(x, [1, 2, 3]);
  let r = logsumexp(x[0]);
  let s = grad(x[0], -x);
  let t = grad(x[0], pi);
  metric g = eye(2);
}
loss l1(M[2, 2]) = sum(jacobian(M[0], M));
// @error 2:28 the second argument of grad must be a variable to differentiate by (coordinates, a velocity, time, a loss argument, or elements, slices or lists of those), but the def argument 'q' is bound to a value that is not one
// @note 13:11 in this call
// @error 6:16 grad needs a scalar expression, but got a vector of length 2; for the derivatives of a vector use jacobian(e, x)
// @error 7:28 the second argument of grad must be a variable to differentiate by (coordinates, a velocity, time, a loss argument, or elements, slices or lists of those), but 'W' is a parameter
// @error 8:24 the second argument of grad must be a variable to differentiate by (coordinates, a velocity, time, a loss argument, or elements, slices or lists of those), but 'h' is a let
// @error 9:27 the second argument of grad must be a variable to differentiate by (coordinates, a velocity, time, a loss argument, or elements, slices or lists of those), but this is an expression
// @error 10:20 jacobian needs a scalar or vector expression, but got a 2×2 matrix; differentiate its rows or columns one by one
// @error 11:11 'grad' takes 2 arguments, but 1 was given
// @error 12:29 the variable of grad names the same element twice
// @error 14:11 max needs arguments of one shape (or a scalar with anything), but got a vector of length 2 and a vector of length 3
// @error 15:21 logsumexp needs a vector, but got a scalar
// @error 16:22 the second argument of grad must be a variable to differentiate by (coordinates, a velocity, time, a loss argument, or elements, slices or lists of those), but this is an expression
// @error 17:22 the second argument of grad must be a variable to differentiate by (coordinates, a velocity, time, a loss argument, or elements, slices or lists of those), but 'pi' is a built-in constant
// @error 20:39 jacobian needs a scalar or vector variable, but got a 2×2 matrix; grad takes a matrix variable
