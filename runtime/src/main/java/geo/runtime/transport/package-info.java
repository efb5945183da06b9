/**
 * Optimal transport between discrete measures: exact solvers (assignment for uniform weights and
 * n = m, network simplex for general weights), entropic solvers (log-domain Sinkhorn with
 * ε-scaling, the debiased Sinkhorn divergence), and cost matrices (squared Euclidean, squared
 * geodesic distance of a compiled metric, the action of a compiled Lagrangian) with their
 * gradients in the points and in θ. Uses {@code parallel} and {@code manifold}; never {@code learn}.
 */
package geo.runtime.transport;
