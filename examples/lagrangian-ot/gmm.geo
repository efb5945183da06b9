// GSB GMM (Liu et al. 2022, used by Pooladian et al. 2024): three discs of radius 1.5,
// U = −M Σ_c σ((1.5 − |x − c|)/τ), c ∈ {(6, 6), (6, −6), (−6, −6)}; M 0 → 0.1, τ 1 → 0.1.
manifold Gmm {
  coords x[2];
  param M = 0.1;
  param tau = 0.1;
  def disc(c) = sigmoid((1.5 - norm(x - c)) / tau);
  lagrangian L(v) = 0.5 * dot(v, v) + M * (disc([6, 6]) + disc([6, -6]) + disc([-6, -6]));
}
