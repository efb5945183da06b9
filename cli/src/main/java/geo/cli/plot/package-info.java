/**
 * {@code geo plot}: the command and its options ({@link geo.cli.plot.PlotOptions}, a picocli mixin
 * that the REPL's {@code :plot} parses too); the drawing itself is {@link geo.cli.common.figure}'s.
 */
package geo.cli.plot;
