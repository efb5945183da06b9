loss l(a) = a^2;
let b = l + 1;
// @error 2:9 'l' is a loss and cannot be used in an expression
// @note 1:6 'l' is declared here
