package geo.cli.common.figure;

import geo.cli.common.figure.Figure.Bounds;
import geo.cli.common.figure.Figure.Point;
import geo.runtime.api.LagrangianKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Contour lines of a Lagrangian's potential part, for the transport pictures ({@code geo ot}, {@code geo lot}). */
public final class Contours {

    private static final int CONTOUR_GRID = 120;
    private static final double[] LEVELS = {0.05, 0.3, 0.7};

    private Contours() {
    }

    /**
     * Contours of V(x) = L(0, x, 0; θ) (for L = ½|v|² + V(x), the potential) at fractions
     * {@link #LEVELS} of its range over the window, by marching squares on a grid: each cell
     * crossed by a level gets the segment between the crossings of its edges (linear
     * interpolation). Empty when V is constant.
     */
    public static List<Figure.Layer> potential(LagrangianKernels l, double[] theta, Bounds b, Figure.Style style) {
        int n = CONTOUR_GRID;
        double[][] v = new double[n + 1][n + 1];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] zero = new double[2];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                double[] x = {b.xMin() + (b.xMax() - b.xMin()) * i / n, b.yMin() + (b.yMax() - b.yMin()) * j / n};
                v[i][j] = l.lagrangian(0, x, zero, theta);
                if (Double.isFinite(v[i][j])) {
                    lo = Math.min(lo, v[i][j]);
                    hi = Math.max(hi, v[i][j]);
                }
            }
        }
        List<Figure.Segment> segments = new ArrayList<>();
        if (!(hi - lo > 1e-12 * Math.max(1, Math.abs(hi)))) {
            return List.of();
        }
        for (double f : LEVELS) {
            double level = lo + f * (hi - lo);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    cell(v, i, j, level, b, n, segments);
                }
            }
        }
        return List.of(new Figure.Segments(String.format(Locale.ROOT, "potential L(x, 0) at %.0f%%, %.0f%%, %.0f%% "
                + "of its range", 100 * LEVELS[0], 100 * LEVELS[1], 100 * LEVELS[2]), style, segments));
    }

    /** The crossings of {@code level} on the four edges of cell (i, j), joined in pairs. */
    private static void cell(double[][] v, int i, int j, double level, Bounds b, int n, List<Figure.Segment> out) {
        double[][] corners = {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}};
        double[] values = {v[i][j], v[i + 1][j], v[i + 1][j + 1], v[i][j + 1]};
        List<Point> crossings = new ArrayList<>(4);
        for (int e = 0; e < 4; e++) {
            double a = values[e];
            double c = values[(e + 1) % 4];
            if (!Double.isFinite(a) || !Double.isFinite(c) || (a < level) == (c < level)) {
                continue;
            }
            double s = (level - a) / (c - a);
            double gi = corners[e][0] + s * (corners[(e + 1) % 4][0] - corners[e][0]);
            double gj = corners[e][1] + s * (corners[(e + 1) % 4][1] - corners[e][1]);
            crossings.add(new Point(b.xMin() + (b.xMax() - b.xMin()) * gi / n, b.yMin() + (b.yMax() - b.yMin()) * gj / n));
        }
        for (int k = 0; k + 1 < crossings.size(); k += 2) {
            out.add(new Figure.Segment(crossings.get(k), crossings.get(k + 1)));
        }
    }
}
