/**
 * {@code geo taskmet}: TaskMet and its baselines on the three LODL problems
 * ({@link geo.runtime.learn.taskmet}), with the bundled {@code .geo} predictor and metric models
 * ({@code cubic.geo}, {@code budget.geo}, {@code portfolio.geo} as resources of this package) and
 * the Cubic figure.
 */
package geo.cli.learn.taskmet;
