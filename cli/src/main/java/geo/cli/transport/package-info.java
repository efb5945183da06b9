/**
 * {@code geo ot}: optimal transport between two point clouds read from CSV files, on a squared
 * Euclidean, squared geodesic or Lagrangian cost ({@code geo.runtime.transport.cost}), solved
 * exactly or by entropic Sinkhorn ({@code geo.runtime.transport}), with the plan, the paths and a
 * picture. Imports of the CLI: {@code common} and {@code options} only.
 */
package geo.cli.transport;
