/**
 * Learning task: geodesic motion skills under a variational autoencoder's expected pullback metric
 * (Beik-Mohammadi, Hauberg, Arvanitidis, Neumann and Rozo, "Learning Riemannian manifolds for
 * geodesic motion skills", RSS 2021). Synthetic demonstrations of a robot state (position in R²,
 * orientation on S²) ({@link geo.runtime.learn.motion.Demonstrations}), the k-means centres of the
 * RBF variance network ({@link geo.runtime.learn.motion.KMeans}) and its second training stage
 * ({@link geo.runtime.learn.motion.VarianceFit}), geodesics of the compiled latent metric from a
 * latent-grid shortest path refined by spline-energy minimisation
 * ({@link geo.runtime.learn.motion.LatentGrid}, {@link geo.runtime.learn.motion.MotionPlanner}),
 * and the measures of a reproduced motion ({@link geo.runtime.learn.motion.Measures}). The VAE
 * itself is a {@code .geo} model trained by the fitting loop; this package only sees its compiled
 * kernels.
 */
package geo.runtime.learn.motion;
