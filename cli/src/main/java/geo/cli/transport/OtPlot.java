package geo.cli.transport;

import geo.cli.common.UsageException;
import geo.cli.common.figure.Contours;
import geo.cli.common.figure.Figure;
import geo.cli.common.figure.Figure.Bounds;
import geo.cli.common.figure.Figure.Point;
import geo.cli.common.figure.FigureWriter;
import geo.cli.common.figure.ModelPlot;
import geo.cli.common.figure.PlotException;
import geo.cli.common.figure.PlotRequest;
import geo.runtime.load.Model;
import geo.runtime.transport.cost.PathResult;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The picture of {@code geo ot --plot}: the source cloud (blue), the target cloud (red) and every
 * matched pair joined along its path (geodesic, spline path or segment), over the model's metric
 * ellipses or, for a Lagrangian without a metric, contours of its potential part L(0, x, 0; θ).
 */
final class OtPlot {

    private static final int GRID = 12;
    private static final Figure.Style PATHS = new Figure.Style(new Color(0x55, 0x55, 0x55), 1.1f, false, null);
    private static final Figure.Style SOURCES = new Figure.Style(new Color(0x1f, 0x4e, 0xc0), 1f, false,
            new Color(0x1f, 0x4e, 0xc0));
    private static final Figure.Style TARGETS = new Figure.Style(new Color(0xc0, 0x1f, 0x3c), 1f, false,
            new Color(0xc0, 0x1f, 0x3c));
    private static final Figure.Style CONTOURS = new Figure.Style(new Color(0x2a, 0x8c, 0x4a), 1.3f, false, null);

    private OtPlot() {
    }

    /** Checks before any work that the file type is known. */
    static void check(Path file) throws UsageException {
        try {
            FigureWriter.check(file);
        } catch (PlotException e) {
            throw new UsageException("--plot: " + e.getMessage());
        }
    }

    static void write(Path file, Model model, double[] theta, Cloud s, Cloud t, int[][] pairs, PathResult[] paths,
                      Transport tr, String cost) throws PlotException {
        List<Point> sources = points(s.points());
        List<Point> targets = points(t.points());
        List<Figure.Curve> curves = new ArrayList<>();
        for (PathResult p : paths) {
            curves.add(new Figure.Curve(points(p.points())));
        }
        Bounds window = window(s.points(), t.points(), paths);
        String title = "geo ot: " + s.file().getFileName() + " \u2192 " + t.file().getFileName();
        String caption = String.format(Locale.ROOT, "%s; %s %s, cost %.6g", cost, tr.solver(), tr.status(), tr.cost());
        List<Figure.Layer> layers = new ArrayList<>();
        String xLabel = "x0";
        String yLabel = "x1";
        if (model != null && model.descriptor().kernels().contains("metric")) {
            PlotRequest request = new PlotRequest(null, null, window, GRID, null, 0, Double.NaN, List.of(), true, title);
            Figure metric = ModelPlot.build(model, theta, request).figure();
            layers.addAll(metric.layers());
            xLabel = metric.xLabel();
            yLabel = metric.yLabel();
        } else if (model != null) {
            layers.addAll(Contours.potential(model.lagrangian(), theta, window, CONTOURS));
        }
        layers.add(new Figure.Curves(tr.entropic().isEmpty() ? "matched pairs (" + curves.size() + ")"
                : "largest-mass target of each source", PATHS, curves));
        layers.add(new Figure.Points("sources (" + s.size() + ")", SOURCES, sources, List.of()));
        layers.add(new Figure.Points("targets (" + t.size() + ")", TARGETS, targets, List.of()));
        FigureWriter.write(new Figure(title, caption, xLabel, yLabel, window, true, layers), file, 900, 900);
    }

    private static List<Point> points(double[][] p) {
        List<Point> out = new ArrayList<>(p.length);
        for (double[] q : p) {
            out.add(new Point(q[0], q[1]));
        }
        return out;
    }

    /** The bounding box of the clouds and paths, padded by 10%. */
    private static Bounds window(double[][] s, double[][] t, PathResult[] paths) {
        double[] box = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        for (double[][] cloud : new double[][][] {s, t}) {
            grow(box, cloud);
        }
        for (PathResult p : paths) {
            grow(box, p.points());
        }
        double w = Math.max(box[1] - box[0], 1e-6);
        double h = Math.max(box[3] - box[2], 1e-6);
        return new Bounds(box[0], box[0] + w, box[2], box[2] + h).padded(0.1);
    }

    private static void grow(double[] box, double[][] points) {
        for (double[] q : points) {
            box[0] = Math.min(box[0], q[0]);
            box[1] = Math.max(box[1], q[0]);
            box[2] = Math.min(box[2], q[1]);
            box[3] = Math.max(box[3], q[1]);
        }
    }
}
