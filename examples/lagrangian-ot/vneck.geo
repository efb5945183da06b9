// GSB V-neck: U = −M σ((−0.36 − (5x₀² − x₁²))/τ), a narrow neck at x₀ = 0; M 0 → 0.1, τ 1 → 0.1.
manifold Vneck {
  coords x[2];
  param M = 0.1;
  param tau = 0.1;
  lagrangian L(v) = 0.5 * dot(v, v) + M * sigmoid((-0.36 - (5 * x[0]^2 - x[1]^2)) / tau);
}
