/**
 * Closed-form metric spaces: Euclidean space, the Poincaré ball, the Lorentz hyperboloid and the
 * sphere, with exact distances and gradients (and, for the hyperbolic ones, the Riemannian
 * gradient, exponential map and parallel transport that Riemannian Adam needs). Stateless: one
 * instance serves every thread.
 */
package geo.runtime.manifold.closed;
