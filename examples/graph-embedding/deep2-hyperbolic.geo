// A learned metric on a closed-form base (issue #17, session 12): the hyperbolic plane of curvature
// -c in the spatial coordinates of the hyperboloid, bent by the lower-triangular network L(x) of
// deep2.geo (Lou, Nickel & Amos, "Deep Riemannian Manifold Learning", 2020):
//   g(x) = L(x) G(x) L(x)',   G(x) = I - c x x' / (1 + c |x|^2)
// G is the metric of the hyperboloid {x0^2 - |x|^2 = 1/c} pulled back to its spatial part x in R^2
// (dx'dx - dx0^2 with x0 = sqrt(1/c + |x|^2)): globally smooth, no boundary, and a point of the
// Poincare ball p is x = 2p/(1 - |p|^2) (c = 1). With W2 = 0 and b2 = 0, as initialised, L = I and
// g = G exactly, so training starts AT the closed-form hyperbolic embedding and can only bend it.
// The network reads the point's coordinates in the Poincare ball of radius 1/sqrt(c),
// p = x / (1 + sqrt(1 + c |x|^2)) (about x/2 where the embedding is nearly flat; bounded where it is
// strongly curved: hyperboloid coordinates of a tree embedding reach |x| ~ 10^4, where a tanh layer of
// x itself would be flat). geo embed --base scales the chart so that the nodes' p reach |p| = 1
// (x -> x/s, c -> c s^2: the same space, distances divided by s), so the network sees O(1) inputs.
import "../lib/nets.geo";

manifold Deep2Hyperbolic {
  coords x[2];
  param W1[32, 2] ~ normal(0, 0.5);
  param b1[32] ~ uniform(-0.1, 0.1);
  param W2[3, 32] = zeros;
  param b2[3] = zeros;
  // ln c: the curvature -c of the base (c = 1: the closed-form rows' hyperboloid)
  param logc = 0;

  let c = exp(logc);
  let p = x / (1 + sqrt(1 + c * dot(x, x)));
  let l = W2 * layer(W1, b1, p) + b2;
  let L = [[exp(l[0]), 0],
           [l[1],      exp(l[2])]];
  let G = eye(2) - (c / (1 + c * dot(x, x))) * (x * x');
  metric g = L * G * L';
}
