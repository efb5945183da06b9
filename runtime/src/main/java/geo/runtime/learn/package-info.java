/**
 * Learning tasks built on the solvers: graph embeddings in closed-form spaces and in learned
 * {@code .geo} metrics, trained by {@link geo.runtime.optim.Adam} (node positions in the
 * hyperbolic spaces by {@link geo.runtime.learn.RiemannianAdam}). Runtime stage: depends only
 * on the runtime's own packages.
 */
package geo.runtime.learn;
