fn f(x[2], eps[2] ~ normal) = x + eps;
def d(u ~ uniform) = u;
loss ok(x[2], eps[2] ~ normal) = dot(x, eps);
// @error 1:21 noise inputs (eps ~ normal) are allowed only in the arguments of a loss, not in fn 'f'; declare the noise in the loss and pass it as an argument
// @error 2:11 noise inputs (u ~ uniform) are allowed only in the arguments of a loss, not in def 'd'; declare the noise in the loss and pass it as an argument
