// A learned metric on a closed-form base (issue #17, session 12): hyperbolic 5-space of curvature -c
// in the spatial coordinates of the hyperboloid, bent by the lower-triangular network L(x) of
// deep5.geo (Lou, Nickel & Amos, "Deep Riemannian Manifold Learning", 2020):
//   g(x) = L(x) G(x) L(x)',   G(x) = I - c x x' / (1 + c |x|^2)
// (deep2-hyperbolic.geo says why). With W2 = 0 and b2 = 0, as initialised, L = I and g = G exactly.
import "../lib/nets.geo";

manifold Deep5Hyperbolic {
  coords x[5];
  param W1[16, 5] ~ normal(0, 0.5);
  param b1[16] ~ uniform(-0.1, 0.1);
  param W2[15, 16] = zeros;
  param b2[15] = zeros;
  // ln c: the curvature -c of the base (c = 1: the closed-form rows' hyperboloid)
  param logc = 0;

  let c = exp(logc);
  let p = x / (1 + sqrt(1 + c * dot(x, x)));
  let l = W2 * layer(W1, b1, p) + b2;
  let L = [[exp(l[0]), 0,         0,         0,         0],
           [l[1],      exp(l[2]), 0,         0,         0],
           [l[3],      l[4],      exp(l[5]), 0,         0],
           [l[6],      l[7],      l[8],      exp(l[9]), 0],
           [l[10],     l[11],     l[12],     l[13],     exp(l[14])]];
  let G = eye(5) - (c / (1 + c * dot(x, x))) * (x * x');
  metric g = L * G * L';
}
