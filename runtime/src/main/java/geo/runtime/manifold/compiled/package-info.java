/**
 * The metric space of a compiled {@code .geo} model: distances by geodesic shooting
 * ({@code bvp}), gradients in the points and in θ, and the per-pair warm starts that carry each
 * pair's geodesic from one evaluation to the next.
 */
package geo.runtime.manifold.compiled;
