// The spline amortiser of Pooladian et al. 2024 (spline_amortizer.py::SplineMLP), reduced from two
// hidden layers of 1024 to two of 128 (relu). Its 36 outputs are added to the 18 interior points
// of the straight path from x to y (20 points, the discrete action's), so the path q(x, y) is
// predicted in one forward pass; the trainer draws the initial values again.
param aW1[128, 2] ~ normal(0, 0.5);  param aV1[128, 2] ~ normal(0, 0.5);  param ab1[128] = zeros;
param aW2[128, 128] ~ normal(0, 0.1); param ab2[128] = zeros;
param aW3[36, 128] ~ normal(0, 0.1); param ab3[36] = zeros;

fn path(x[2], y[2]) = aW3 * relu(aW2 * relu(aW1 * x + aV1 * y + ab1) + ab2) + ab3;
