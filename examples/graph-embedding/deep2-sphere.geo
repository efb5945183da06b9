// A learned metric on a closed-form base (issue #17, session 12): the sphere of curvature c (radius
// 1/sqrt(c)) in stereographic coordinates, bent by the lower-triangular network L(x) of deep2.geo
// (Lou, Nickel & Amos, "Deep Riemannian Manifold Learning", 2020):
//   g(x) = L(x) G(x) L(x)',   G(x) = 4 / (1 + c |x|^2)^2 I
// G is the round metric pulled back by the stereographic projection from a pole (the point at
// infinity of the chart), smooth on all of R^2. With W2 = 0 and b2 = 0, as initialised, L = I and
// g = G exactly, so training starts AT the closed-form sphere embedding (projected from the pole
// farthest from the nodes: geo embed --base sphere) and can only bend it. The network reads x;
// geo embed --base scales the chart so that the nodes reach |x| = 1 (x -> x/s, c -> c s^2: the same
// sphere, distances divided by s), so the network sees O(1) inputs.
import "../lib/nets.geo";

manifold Deep2Sphere {
  coords x[2];
  param W1[32, 2] ~ normal(0, 0.5);
  param b1[32] ~ uniform(-0.1, 0.1);
  param W2[3, 32] = zeros;
  param b2[3] = zeros;
  // ln c: the curvature c of the base (geo embed --base sphere sets it from the sphere's radius and the chart's scale)
  param logc = 0;

  let c = exp(logc);
  let l = W2 * layer(W1, b1, x) + b2;
  let L = [[exp(l[0]), 0],
           [l[1],      exp(l[2])]];
  metric g = (4 / (1 + c * dot(x, x))^2) * (L * L');
}
