// Linear least squares for `geo fit --optimizer lbfgs` (examples/fit/README.md):
// y ≈ w·x + b; the mean of the per-row loss is minimised by the normal equations' solution.
param w[3] = zeros;
param b = 0;

loss sq(x[3], y) = (dot(w, x) + b - y)^2;
