// The learned metric of Lou, Nickel & Amos, "Deep Riemannian Manifold Learning" (2020), in R^5:
// A(x) = L(x) L(x)' + eps I with L lower-triangular, its 15 entries the outputs of a one-layer
// tanh network of the point (exp on the diagonal keeps L invertible, so A >= eps I).
import "../lib/nets.geo";

manifold Deep5 {
  coords x[5];
  param W1[16, 5] ~ normal(0, 0.5);
  param b1[16] ~ uniform(-0.1, 0.1);
  // Small output weights: at the start l = b2 + O(0.01), so L is close to I and A to (1 + eps) I.
  // Geodesics then start out nearly straight, which the straight-line first guess of the shooting
  // solves in a few Newton steps, and training starts from the Euclidean embedding, bending the
  // metric only where the loss asks for it (large random weights would scale the metric by
  // exp(+-several) from point to point before anything is learned).
  param W2[15, 16] ~ normal(0, 0.01);
  param b2[15] = zeros;

  let l = W2 * layer(W1, b1, x) + b2;
  let L = [[exp(l[0]), 0,         0,         0,         0],
           [l[1],      exp(l[2]), 0,         0,         0],
           [l[3],      l[4],      exp(l[5]), 0,         0],
           [l[6],      l[7],      l[8],      exp(l[9]), 0],
           [l[10],     l[11],     l[12],     l[13],     exp(l[14])]];
  metric g = L * L' + 1e-3 * eye(5);
}
