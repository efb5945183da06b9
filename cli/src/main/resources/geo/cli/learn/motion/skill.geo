// A variational autoencoder of robot states x = (p, q) in R² × S² (position p, orientation q as a
// unit vector) and its expected pullback metric (geodesic motion skills, Beik-Mohammadi et al., RSS 2021).
// Encoder 5 -> 32 -> 2 (mean and log-sd), decoder mean 2 -> 32 -> 32 -> 5 with the orientation
// normalised, and an RBF variance network sigma(z) that grows away from the K = 48 centres C
// (k-means centres of the encoded training means, written into θ by `geo motion fit`).
param We1[32, 5] ~ normal(0, 0.3);  param be1[32] = zeros;
param Wm[2, 32] ~ normal(0, 0.2);   param bm[2] = zeros;
param Ws[2, 32] ~ normal(0, 0.05);  param bs[2] = -2;
param Wd1[32, 2] ~ normal(0, 0.7);  param bd1[32] ~ uniform(-0.5, 0.5);
param Wd2[32, 32] ~ normal(0, 0.18); param bd2[32] = zeros;
param Wd3[5, 32] ~ normal(0, 0.18); param bd3[5] = zeros;
// RBF variance network (Arvanitidis et al. 2018): sigma_d(z) = softplus(a_d) / (sum_k softplus(w_k) phi_k(z) + 1e-6)
// + softplus(c_d), phi_k(z) = exp(-beta |z - C_k|²).
param C[48, 2] = zeros;
param beta = 1;
param wr[48] = 0;
param ar[5] = -3;
param cr[5] = -4;

// The data are scaled so that positions and orientations have similar ranges: p / 5.
fn encode(x[5]) = Wm * tanh(We1 * x + be1) + bm;
fn logsd(x[5]) = Ws * tanh(We1 * x + be1) + bs;
fn raw(z[2]) = Wd3 * tanh(Wd2 * tanh(Wd1 * z + bd1) + bd2) + bd3;
fn decode(z[2]) = [raw(z)[0], raw(z)[1],
                   raw(z)[2] / sqrt(dot(raw(z)[2:5], raw(z)[2:5])),
                   raw(z)[3] / sqrt(dot(raw(z)[2:5], raw(z)[2:5])),
                   raw(z)[4] / sqrt(dot(raw(z)[2:5], raw(z)[2:5]))];
fn rbf(z[2]) = exp(-beta * ((C[:, 0] - z[0])^2 + (C[:, 1] - z[1])^2));
fn sigma(z[2]) = softplus(ar) / (dot(softplus(wr), rbf(z)) + 1e-6) + softplus(cr);

// Stage 1, the VAE's negative ELBO per row (one reparameterised draw z = mu + sd * eps): a Gaussian
// reconstruction term with a fixed sd of 0.05 for the scaled state, plus the KL divergence to N(0, I).
loss elbo(x[5], eps[2] ~ normal) =
    0.5 * sum((decode(encode(x) + [exp(logsd(x)[0]) * eps[0], exp(logsd(x)[1]) * eps[1]]) - x)^2) / 0.0025
  + 0.5 * sum(exp(2 * logsd(x)) + encode(x)^2 - 1 - 2 * logsd(x));

// Stage 2, the variance network's Gaussian negative log-likelihood: z the encoded mean and mu the decoded
// mean are data columns, so the encoder and decoder receive no gradient; `geo motion fit` trains only
// wr, ar and cr (the centres C and the bandwidth beta stay fixed).
def nll(x, mu, s) = log(s) + 0.5 * (x - mu)^2 / s^2;
loss variance(x[5], z[2], mu[5]) = nll(x[0], mu[0], sigma(z)[0]) + nll(x[1], mu[1], sigma(z)[1])
  + nll(x[2], mu[2], sigma(z)[2]) + nll(x[3], mu[3], sigma(z)[3]) + nll(x[4], mu[4], sigma(z)[4]);

// The expected pullback metric of the stochastic decoder, M(z) = J_mu' J_mu + J_sigma' J_sigma
// (Arvanitidis, Hansen and Hauberg, ICLR 2018): large where the decoder is uncertain, off the data.
manifold Skill {
  coords z[2];
  metric g = jacobian(decode(z), z)' * jacobian(decode(z), z) + jacobian(sigma(z), z)' * jacobian(sigma(z), z);
}

// The baseline without the variance term: the pullback of the decoder's mean alone.
manifold Mean {
  coords z[2];
  metric g = jacobian(decode(z), z)' * jacobian(decode(z), z);
}

// The same metric with obstacles in the position space (up to 4 discs; alpha = 0 switches one off):
// the ambient position metric (1 + sum_k alpha_k exp(-|p - o_k|²/(2 r_k²))) I, p = 5 mu_p(z) in data units.
manifold Avoid {
  coords z[2];
  param O[4, 2] = zeros;
  param alpha[4] = zeros;
  param rad[4] = [1, 1, 1, 1];
  let p = 5 * decode(z)[0:2];
  let bump = alpha[0] * exp(-dot(p - O[0], p - O[0]) / (2 * rad[0]^2)) + alpha[1] * exp(-dot(p - O[1], p - O[1]) / (2 * rad[1]^2))
           + alpha[2] * exp(-dot(p - O[2], p - O[2]) / (2 * rad[2]^2)) + alpha[3] * exp(-dot(p - O[3], p - O[3]) / (2 * rad[3]^2));
  let Jp = jacobian(decode(z)[0:2], z);
  let Jq = jacobian(decode(z)[2:5], z);
  let Js = jacobian(sigma(z), z);
  metric g = (1 + bump) * Jp' * Jp + Jq' * Jq + Js' * Js;
}
