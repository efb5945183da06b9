// A learned metric on a closed-form base (issue #17, session 12): the 5-sphere of curvature c in
// stereographic coordinates, bent by the lower-triangular network L(x) of deep5.geo:
//   g(x) = L(x) G(x) L(x)',   G(x) = 4 / (1 + c |x|^2)^2 I
// (deep2-sphere.geo says why). With W2 = 0 and b2 = 0, as initialised, L = I and g = G exactly.
import "../lib/nets.geo";

manifold Deep5Sphere {
  coords x[5];
  param W1[16, 5] ~ normal(0, 0.5);
  param b1[16] ~ uniform(-0.1, 0.1);
  param W2[15, 16] = zeros;
  param b2[15] = zeros;
  // ln c: the curvature c of the base (geo embed --base sphere sets it from the sphere's radius and the chart's scale)
  param logc = 0;

  let c = exp(logc);
  let l = W2 * layer(W1, b1, x) + b2;
  let L = [[exp(l[0]), 0,         0,         0,         0],
           [l[1],      exp(l[2]), 0,         0,         0],
           [l[3],      l[4],      exp(l[5]), 0,         0],
           [l[6],      l[7],      l[8],      exp(l[9]), 0],
           [l[10],     l[11],     l[12],     l[13],     exp(l[14])]];
  metric g = (4 / (1 + c * dot(x, x))^2) * (L * L');
}
