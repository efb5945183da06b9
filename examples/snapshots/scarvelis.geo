// The model of Scarvelis & Solomon 2023 ("Riemannian metric learning via optimal transport", ICLR;
// code/pytorch_models.py at 949d9d2): a co-metric network A(x) = R(x)'R(x) + 1e-3 I with
// R = reshape_2x2(W3 softplus(W2 softplus(W1 x + b1) + b2) + b3), widths 2 -> 32 -> 32 -> 4, and
// one dual potential phi_k(p) = w2' softplus(V1 p + c1) + c2 (2 -> 32 -> 1) per snapshot pair.
// A is the inverse metric: the path cost is u' A^-1 u, so the metric is inv(A) and the cheap
// direction is A's largest eigenvector. The training (geo learn-metric --method scarvelis) keeps one
// phi block per pair and swaps it into the phi parameters below; see README.md.
// Initial values: PyTorch's default nn.Linear initialisation, as in the official code: weights and biases
// U(-k, k) with k = 1/sqrt(fan_in) (0.70711 for fan_in 2, 0.17678 for fan_in 32). Seeded runs draw theta from
// these declarations (Model.initialParameters(seed)); every fresh phi_k and every fresh A is such a draw.
param W1[32, 2] ~ uniform(-0.70711, 0.70711); param b1[32] ~ uniform(-0.70711, 0.70711);
param W2[32, 32] ~ uniform(-0.17678, 0.17678); param b2[32] ~ uniform(-0.17678, 0.17678);
param W3[4, 32] ~ uniform(-0.17678, 0.17678); param b3[4] ~ uniform(-0.17678, 0.17678);
param V1[32, 2] ~ uniform(-0.70711, 0.70711); param c1[32] ~ uniform(-0.70711, 0.70711);
param w2[32] ~ uniform(-0.17678, 0.17678);    param c2 ~ uniform(-0.17678, 0.17678);

fn cometric(p[2]) = cometricOf(W3 * softplus(W2 * softplus(W1 * p + b1) + b2) + b3);
def cometricOf(r[4]) = [[r[0], r[1]], [r[2], r[3]]]' * [[r[0], r[1]], [r[2], r[3]]] + 1e-3 * eye(2);
fn phi(p[2]) = dot(w2, softplus(V1 * p + c1)) + c2;
fn gradphi(p[2]) = grad(phi(p), p);

manifold ScarvelisMetric {
  coords x[2];
  metric g = inv(cometric(x));
}
