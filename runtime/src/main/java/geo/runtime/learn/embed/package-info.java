/**
 * Graph embedding (Lou, Nickel &amp; Amos, 2020): node positions in a
 * {@link geo.runtime.manifold.EmbeddingSpace} and the space's θ trained so that embedded distances
 * match shortest-path distances; pair losses, the deterministic multi-threaded pair evaluator,
 * distortion and MAP, Euclidean pretraining, and the options of the task. The epoch loop,
 * stopping and best-epoch restore are {@link geo.runtime.learn}'s.
 */
package geo.runtime.learn.embed;
