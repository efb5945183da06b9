/**
 * {@code geo motion}: geodesic motion skills (Beik-Mohammadi et al., RSS 2021) — synthetic
 * demonstrations, fitting the skill's VAE and variance network, generating a motion between two
 * states with obstacles, plotting the latent magnification factor and the decoded motion, and the
 * held-out evaluation table of {@code examples/motion-skills}. The model is the bundled
 * {@code skill.geo}; the task's numerics are in {@code geo.runtime.learn.motion}.
 */
package geo.cli.learn.motion;
