package geo.cli.learn.lagrangian;

import geo.cli.common.figure.Contours;
import geo.cli.common.figure.Figure;
import geo.cli.common.figure.Figure.Bounds;
import geo.cli.common.figure.Figure.Point;
import geo.cli.common.figure.FigureWriter;
import geo.cli.common.figure.PlotException;
import geo.runtime.learn.lagrangian.Task;
import geo.runtime.load.Model;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The picture of {@code geo lot --plot}: contours of the potential, the paths (grey), the held-out
 * sources (blue), the held-out targets (red, hollow) and the pushed points (black), in the task's box.
 */
final class LotPlot {

    private static final Figure.Style PATHS = new Figure.Style(new Color(0x77, 0x77, 0x77), 0.8f, false, null);
    private static final Figure.Style SOURCES = new Figure.Style(new Color(0x1f, 0x4e, 0xc0), 1f, false,
            new Color(0x1f, 0x4e, 0xc0));
    private static final Figure.Style TARGETS = new Figure.Style(new Color(0xc0, 0x1f, 0x3c), 1f, false, null);
    private static final Figure.Style PUSHED = new Figure.Style(Color.BLACK, 1f, false, Color.BLACK);
    private static final Figure.Style CONTOURS = new Figure.Style(new Color(0x2a, 0x8c, 0x4a), 1.3f, false, null);

    private LotPlot() {
    }

    static void write(Path file, Task task, Model lagrangian, double[] theta, double[][] xs, double[][] ys,
                      double[][] pushed, double[][][] paths, String caption) throws PlotException {
        Bounds window = new Bounds(task.lower(), task.upper(), task.lower(), task.upper());
        List<Figure.Layer> layers = new ArrayList<>(Contours.potential(lagrangian.lagrangian(), theta, window,
                CONTOURS));
        List<Figure.Curve> curves = new ArrayList<>();
        for (double[][] p : paths) {
            curves.add(new Figure.Curve(points(p)));
        }
        layers.add(new Figure.Curves("paths (" + curves.size() + ")", PATHS, curves));
        layers.add(new Figure.Points("held-out sources (" + xs.length + ")", SOURCES, points(xs), List.of()));
        layers.add(new Figure.Points("held-out targets (" + ys.length + ")", TARGETS, points(ys), List.of()));
        layers.add(new Figure.Points("pushed sources", PUSHED, points(pushed), List.of()));
        String title = "geo lot --task " + task.id();
        FigureWriter.write(new Figure(title, caption, "x0", "x1", window, true, layers), file, 900, 900);
    }

    private static List<Point> points(double[][] p) {
        List<Point> out = new ArrayList<>(p.length);
        for (double[] q : p) {
            out.add(new Point(q[0], q[1]));
        }
        return out;
    }
}
