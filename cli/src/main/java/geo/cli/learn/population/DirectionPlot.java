package geo.cli.learn.population;

import geo.cli.common.UsageException;
import geo.cli.common.figure.Figure;
import geo.cli.common.figure.Figure.Point;
import geo.cli.common.figure.FigureWriter;
import geo.cli.common.figure.PlotException;
import geo.runtime.api.MetricKernels;
import geo.runtime.learn.population.Alignment;
import geo.runtime.learn.population.Box;
import geo.runtime.learn.population.Snapshots;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The picture of {@code geo learn-metric --plot}, after the papers' figure: the snapshots (dark blue
 * to light: lighter = later), the learned metric's cheap direction (minor eigenvector of the metric)
 * on a grid over the box as short red segments, and the true one beside each as a grey segment.
 */
final class DirectionPlot {

    private static final int GRID = 15;
    private static final Figure.Style TRUE = new Figure.Style(new Color(0x88, 0x88, 0x88), 3.2f, false, null);
    private static final Figure.Style LEARNED = new Figure.Style(new Color(0xc0, 0x1f, 0x3c), 1.6f, false, null);

    private DirectionPlot() {
    }

    static void check(Path file) throws UsageException {
        try {
            FigureWriter.check(file);
        } catch (PlotException e) {
            throw new UsageException("--plot: " + e.getMessage());
        }
    }

    static void write(Path file, String title, String caption, Snapshots data, Box box, MetricKernels learned,
                      double[] theta, MetricKernels truth, double[] thetaTruth) throws PlotException {
        List<Figure.Layer> layers = new ArrayList<>();
        double half = 0.42 * Math.min((box.xmax() - box.xmin()), (box.ymax() - box.ymin())) / GRID;
        if (truth != null) {
            layers.add(new Figure.Segments("true cheap direction", TRUE, directions(truth, thetaTruth, box, half)));
        }
        layers.add(new Figure.Segments("learned cheap direction", LEARNED, directions(learned, theta, box, half)));
        int times = 0;
        for (List<double[][]> fam : data.families()) {
            times = Math.max(times, fam.size());
        }
        for (int t = 0; t < times; t++) {
            List<Point> pts = new ArrayList<>();
            for (List<double[][]> fam : data.families()) {
                if (t < fam.size()) {
                    for (double[] p : fam.get(t)) {
                        pts.add(new Point(p[0], p[1]));
                    }
                }
            }
            double s = times == 1 ? 0 : (double) t / (times - 1);
            Color c = new Color(mix(0x0b, 0xb8, s), mix(0x2a, 0xd8, s), mix(0x6b, 0xf0, s));
            String legend = t == 0 ? "first snapshot" : t == times - 1 ? "last snapshot" : null;
            layers.add(new Figure.Points(legend, new Figure.Style(c, 1f, false, c), pts, List.of()));
        }
        Figure.Bounds bounds = new Figure.Bounds(box.xmin(), box.xmax(), box.ymin(), box.ymax());
        FigureWriter.write(new Figure(title, caption, "x0", "x1", bounds, true, layers), file, 900, 900);
    }

    private static int mix(int a, int b, double s) {
        return (int) Math.round(a + (b - a) * s);
    }

    private static List<Figure.Segment> directions(MetricKernels k, double[] theta, Box box, double half) {
        List<Figure.Segment> out = new ArrayList<>();
        double[] p = new double[2];
        double[] g = new double[4];
        double[] e = new double[2];
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                p[0] = box.xmin() + (box.xmax() - box.xmin()) * (i + 0.5) / GRID;
                p[1] = box.ymin() + (box.ymax() - box.ymin()) * (j + 0.5) / GRID;
                k.metric(p, theta, g);
                if (Alignment.minorEigenvector(g, e)) {
                    out.add(new Figure.Segment(new Point(p[0] - half * e[0], p[1] - half * e[1]),
                            new Point(p[0] + half * e[0], p[1] + half * e[1])));
                }
            }
        }
        return out;
    }
}
