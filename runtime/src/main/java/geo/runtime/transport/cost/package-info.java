/**
 * Cost matrices for optimal transport, with their gradients: squared Euclidean
 * ({@link geo.runtime.transport.cost.SquaredEuclideanCost}), the squared geodesic distance of a
 * compiled metric ({@link geo.runtime.transport.cost.SquaredGeodesicCost}, warm-started log
 * solves along each row), and the minimal action of a compiled Lagrangian over spline paths
 * ({@link geo.runtime.transport.cost.LagrangianActionCost}, the continuous action or the discrete
 * action of Pooladian et al. 2024). {@link geo.runtime.transport.cost.CostMatrices} computes a
 * matrix on a {@link geo.runtime.parallel.WorkerPool} (one row per chunk, so the result does not
 * depend on the thread count) and reports every entry that failed; it also gives the θ-gradient
 * Σ π_ij ∂c_ij/∂θ of a transport cost for a fixed plan. Uses {@code bvp}, {@code spline},
 * {@code parallel}; never {@code learn}.
 */
package geo.runtime.transport.cost;
