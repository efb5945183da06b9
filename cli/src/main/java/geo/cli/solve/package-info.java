/**
 * The solver commands: {@code geo exp}, {@code geo log}, {@code geo dist} (also over a CSV of pairs
 * on several threads, {@link geo.cli.solve.DistanceBatch}) and {@code geo geodesic}, with the
 * strict checks of their input points against the model's domain ({@link geo.cli.solve.Points})
 * and the exit codes 64 (bad input), 65 (a model with errors) and 70 (the solver failed). On top
 * of the runtime's geodesic and boundary-value solvers.
 */
package geo.cli.solve;
