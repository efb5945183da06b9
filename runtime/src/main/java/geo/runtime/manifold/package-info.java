/**
 * Metric spaces that points are embedded in and optimised on: the {@link geo.runtime.manifold.EmbeddingSpace}
 * contract and its optional capabilities; {@code closed} holds the closed-form spaces (Euclidean,
 * Poincaré ball, Lorentz hyperboloid, sphere), {@code compiled} the space of a compiled {@code .geo}
 * metric (distances by geodesic shooting with per-pair warm starts). Runtime library: imports no
 * {@code learn} package.
 */
package geo.runtime.manifold;
