fn predict(x[2], s) = s * x;
let a = predict([1, 2, 3], 1);
let b = predict([1, 2], [1, 2]);
let c = predict([1, 2]);
loss l(y[3]) = dot(predict(y, 2), y);
// @error 2:17 argument 1 of 'predict' must be a vector of length 2, but it is a vector of length 3
// @error 3:25 argument 2 of 'predict' must be a scalar, but it is a vector of length 2
// @error 4:9 'predict' takes 2 arguments, but 1 was given
// @error 5:28 argument 1 of 'predict' must be a vector of length 2, but it is a vector of length 3
