/**
 * {@code geo lot}: neural optimal transport with Lagrangian costs around obstacles (Pooladian et
 * al. 2024) — trains the dual potential, the amortised c-transform map and the spline-path
 * amortiser ({@link geo.runtime.learn.lagrangian}), evaluates them against the exact discrete
 * baseline, and writes the pushed points, their paths and a picture.
 */
package geo.cli.learn.lagrangian;
