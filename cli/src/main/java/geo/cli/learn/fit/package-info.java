/**
 * {@code geo fit} (fit a loss's parameters to CSV data: the command, its text and JSON reports,
 * the loss curve) and {@code geo eval} (apply a function or a loss to every row of a CSV file). On
 * top of {@code geo.runtime.learn.fit} and {@code geo.runtime.data.table}.
 */
package geo.cli.learn.fit;
