package geo.cli.learn.embed;

import geo.cli.common.UsageException;
import geo.cli.common.figure.Figure.Bounds;
import geo.cli.common.figure.Figure.Point;
import geo.cli.common.figure.Figure;
import geo.cli.common.figure.FigureWriter;
import geo.cli.common.figure.ModelPlot;
import geo.cli.common.figure.PlotException;
import geo.cli.common.figure.PlotRequest;
import geo.runtime.data.graph.Graph;
import geo.runtime.learn.embed.TrainingResult;
import geo.runtime.load.Model;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The picture of a planar embedding for {@code geo embed --plot}: the graph drawn at the embedded
 * positions (nodes labelled with their ids, edges as chart segments) over the learned metric's
 * ellipses and, for the Poincaré ball, the boundary circle.
 */
final class EmbedPlot {

    private static final int GRID = 14;
    private static final Figure.Style EDGES = new Figure.Style(new Color(0x44, 0x44, 0x44), 1.4f, false, null);
    private static final Figure.Style NODES = new Figure.Style(new Color(0xc0, 0x1f, 0x3c), 1f, false,
            new Color(0xc0, 0x1f, 0x3c));
    private static final Figure.Style CIRCLE = new Figure.Style(new Color(0x33, 0x33, 0x33), 1.6f, false, null);

    private EmbedPlot() {
    }

    /** Checks before training that the plot can be drawn: coordinates in the plane, a known file type. */
    static void check(Path file, int coordinates) throws UsageException {
        try {
            FigureWriter.check(file);
        } catch (PlotException e) {
            throw new UsageException(e.getMessage());
        }
        if (coordinates != 2) {
            throw new UsageException("--plot draws embeddings with 2 coordinates per node, these have " + coordinates);
        }
    }

    /**
     * Draws {@code r} to {@code file}.
     *
     * @param model the learned metric (its ellipses at the trained θ are drawn), or null
     * @param space the closed-form space's name, or null
     */
    static void write(Path file, String title, Graph graph, TrainingResult r, Model model, String space)
            throws PlotException {
        double[][] x = r.positions();
        List<Point> nodes = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            nodes.add(new Point(x[i][0], x[i][1]));
            labels.add(String.valueOf(i));
        }
        List<Figure.Segment> edges = new ArrayList<>();
        for (int[] e : graph.edges()) {
            edges.add(new Figure.Segment(nodes.get(e[0]), nodes.get(e[1])));
        }
        Bounds window = window(nodes, "poincare".equals(space));
        List<Figure.Layer> layers = new ArrayList<>();
        String caption = String.format(Locale.ROOT, "worst-case distortion %s, average distortion %s, MAP %s",
                EmbedReport.Metric.WORST_CASE.text(r, "%.3f"), EmbedReport.Metric.AVERAGE.text(r, "%.4f"),
                EmbedReport.Metric.MAP.text(r, "%.3f"));
        String xLabel = "x[0]";
        String yLabel = "x[1]";
        if (model != null) {
            PlotRequest request = new PlotRequest(null, null, window, GRID, null, 0, Double.NaN, List.of(), true, title);
            Figure metric = ModelPlot.build(model, r.theta(), request).figure();
            layers.addAll(metric.layers());
            caption = metric.caption() + "; " + caption;
            xLabel = metric.xLabel();
            yLabel = metric.yLabel();
        } else if ("poincare".equals(space)) {
            layers.add(new Figure.Ellipses("boundary of the ball", CIRCLE,
                    List.of(new Figure.Ellipse(new Point(0, 0), 1, 1, 0))));
        }
        layers.add(new Figure.Segments("graph edges", EDGES, edges));
        layers.add(new Figure.Points("nodes", NODES, nodes, labels));
        FigureWriter.write(new Figure(title, caption, xLabel, yLabel, window, true, layers), file, 900, 900);
    }

    /** The nodes' bounding box with a margin (the whole ball for the Poincaré ball). */
    private static Bounds window(List<Point> nodes, boolean ball) {
        if (ball) {
            return new Bounds(-1.05, 1.05, -1.05, 1.05);
        }
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Point p : nodes) {
            x0 = Math.min(x0, p.x());
            x1 = Math.max(x1, p.x());
            y0 = Math.min(y0, p.y());
            y1 = Math.max(y1, p.y());
        }
        double size = Math.max(Math.max(x1 - x0, y1 - y0), 1e-6);
        double cx = (x0 + x1) / 2;
        double cy = (y0 + y1) / 2;
        double half = 0.6 * size;
        return new Bounds(cx - half, cx + half, cy - half, cy + half);
    }
}
