// the example of "Noise inputs" in language.md: a VAE's reparameterised ELBO, and uniform jitter
param We[2, 4] ~ normal(0, 0.3);
param Ws[2, 4] ~ normal(0, 0.3);
param Wd[4, 2] ~ normal(0, 0.3);
param w = 1;
fn encode(x[4]) = We * x;
fn logsd(x[4]) = Ws * x;
fn decode(z[2]) = tanh(Wd * z);
loss elbo(x[4], eps[2] ~ normal) =
    0.5 * sum((decode(encode(x) + diag(exp(logsd(x))) * eps) - x)^2)
  + 0.5 * sum(exp(2 * logsd(x)) + encode(x)^2 - 1 - 2 * logsd(x));
loss jitter(x, y, u ~ uniform) = (w * (x + 0.2 * (u - 0.5)) - y)^2;
