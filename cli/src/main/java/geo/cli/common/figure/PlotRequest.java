package geo.cli.common.figure;

import geo.cli.common.figure.Figure.Bounds;
import geo.cli.common.figure.Figure.Point;
import java.util.List;

/**
 * What {@link ModelPlot} should draw. Points are in the plotted coordinates (two numbers); with a
 * slice ({@code dims} of a model with d &gt; 2) the other coordinates come from {@code at}.
 *
 * @param dims        the indices of the horizontal and vertical coordinates, or null for the whole chart of a
 *                    model with d = 2
 * @param at          a full point (length d) fixing the coordinates not plotted, or null (only for d = 2)
 * @param range       the window, or null for the declared domain or a default one
 * @param grid        metric ellipses on a grid × grid lattice; 0 for none
 * @param from        the start of a fan of geodesics, or null for none
 * @param fan         the number of geodesics in the fan
 * @param length      their common g-length, or NaN to choose one that fits the window
 * @param between     pairs of points joined by their geodesic
 * @param equalAspect one unit the same length on both axes
 * @param title       the title, or null for the model's name
 */
public record PlotRequest(int[] dims, double[] at, Bounds range, int grid, Point from, int fan, double length,
                          List<Pair> between, boolean equalAspect, String title) {

    public PlotRequest {
        dims = dims == null ? null : dims.clone();
        at = at == null ? null : at.clone();
        between = List.copyOf(between);
    }

    /** Two points to join by a geodesic. */
    public record Pair(Point from, Point to) {
    }

    @Override
    public int[] dims() {
        return dims == null ? null : dims.clone();
    }

    @Override
    public double[] at() {
        return at == null ? null : at.clone();
    }
}
