/**
 * Graph data for the learning tasks: undirected unweighted {@link geo.runtime.data.graph.Graph}s read
 * from edge lists ({@link geo.runtime.data.graph.EdgeLists}) or generated ({@link geo.runtime.data.graph.Graphs}),
 * and their all-pairs shortest-path distances ({@link geo.runtime.data.graph.ShortestPaths}), the
 * targets a graph embedding is trained to reproduce. Runtime stage: plain Java, no solvers.
 */
package geo.runtime.data.graph;
