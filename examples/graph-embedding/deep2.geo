// The learned metric of Lou, Nickel & Amos, "Deep Riemannian Manifold Learning" (2020), in R^2:
// A(x) = L(x) L(x)' + eps I with L lower-triangular from a one-layer tanh network of the point
// (as examples/deep.geo, initialised for training).
import "../lib/nets.geo";

manifold Deep2 {
  coords x[2];
  param W1[32, 2] ~ normal(0, 0.5);
  param b1[32] ~ uniform(-0.1, 0.1);
  // Small output weights: at the start l = b2 + O(0.01), so L is close to I and A to (1 + eps) I.
  // Geodesics then start out nearly straight, which the straight-line first guess of the shooting
  // solves in a few Newton steps, and training starts from the Euclidean embedding, bending the
  // metric only where the loss asks for it (large random weights would scale the metric by
  // exp(+-several) from point to point before anything is learned).
  param W2[3, 32] ~ normal(0, 0.01);
  param b2[3] = zeros;

  let l = W2 * layer(W1, b1, x) + b2;
  let L = [[exp(l[0]), 0],
           [l[1],      exp(l[2])]];
  metric g = L * L' + 1e-3 * eye(2);
}
