// A decoder's pullback metric: a latent plane mapped into R^3 by a small network,
// g(z) = J_mu(z)' J_mu(z) (geodesic motion skills, Beik-Mohammadi et al., RSS 2021).
import "lib/nets.geo";

manifold Latent {
  coords z[2];
  param W1[16, 2] ~ normal(0, 0.5);
  param b1[16] ~ uniform(-0.1, 0.1);
  param Wm[3, 16] ~ normal(0, 0.5);
  param bm[3] = zeros;

  let mu = Wm * layer(W1, b1, z) + bm;
  metric g = pullback(mu, z) + 1e-4 * eye(2);
}
