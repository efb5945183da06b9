/**
 * Figures, shared by {@code geo plot}, {@code geo embed --plot} and the REPL's {@code :plot}: what
 * to draw, kept apart from how. {@link geo.cli.common.figure.Figure} is the plot's data model —
 * bounds, axis labels and layers of ellipses, curves, points and segments, each with its legend
 * name and style — so that anything that can say what it wants drawn (a model's metric and
 * geodesics, built by {@link geo.cli.common.figure.ModelPlot}; a graph at its embedding) reuses one
 * renderer, {@link geo.cli.common.figure.FigureWriter}, which draws a figure with JFreeChart and
 * writes PNG (Java2D) or SVG (Batik's SVG generator). Stage: command line, on top of the runtime's
 * solvers.
 */
package geo.cli.common.figure;
