package geo.cli.learn.taskmet;

import geo.cli.common.figure.Figure;
import geo.cli.common.figure.Figure.Point;
import geo.cli.common.figure.FigureWriter;
import geo.cli.common.figure.PlotException;
import geo.runtime.api.FunctionKernels;
import geo.runtime.learn.taskmet.Instances;
import geo.runtime.learn.taskmet.Method;
import geo.runtime.learn.taskmet.Networks;
import geo.runtime.learn.taskmet.Split;
import geo.runtime.learn.taskmet.TaskMetResult;
import geo.runtime.learn.taskmet.TaskMetTrainer;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Cubic figure of {@code geo taskmet --plot}: training items (x, y), the law y = 10(x³ − 0.65x),
 * the MSE fit, the trained fit and, for TaskMet, the learned weight Λ(x) rescaled onto the y axis
 * (the figure has one axis; the legend gives the factor).
 */
final class CubicPlot {

    private static final Figure.Style DATA = new Figure.Style(new Color(0x99, 0x99, 0x99), 1f, false,
            new Color(0x99, 0x99, 0x99));
    private static final Figure.Style LAW = new Figure.Style(new Color(0x22, 0x22, 0x22), 1.5f, true, null);
    private static final Figure.Style MSE = new Figure.Style(new Color(0xd6, 0x27, 0x28), 2.5f, false, null);
    private static final Figure.Style FIT = new Figure.Style(new Color(0x1f, 0x77, 0xb4), 2.5f, false, null);
    private static final Figure.Style WEIGHT = new Figure.Style(new Color(0x2c, 0xa0, 0x2c), 2f, false, null);

    private CubicPlot() {
    }

    static void write(Path file, Split split, TaskMetTrainer trainer, Networks nets, TaskMetResult mse,
                      TaskMetResult other, Method method) throws PlotException {
        List<Figure.Layer> layers = new ArrayList<>();
        Instances train = split.train();
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < Math.min(20, train.count()); i++) {
            for (int j = 0; j < train.rows(); j++) {
                points.add(new Point(train.x()[i][j], train.y()[i][j]));
            }
        }
        layers.add(new Figure.Points("training items (20 instances)", DATA, points, List.of()));
        int n = 201;
        List<Point> law = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double x = -1 + 2.0 * k / (n - 1);
            law.add(new Point(x, 10 * (x * x * x - 0.65 * x)));
        }
        layers.add(new Figure.Curves("y = 10(x³ − 0.65x)", LAW, List.of(new Figure.Curve(law))));
        FunctionKernels predictor = (FunctionKernels) nets.predictor().copy();
        layers.add(new Figure.Curves(String.format(Locale.ROOT, "MSE fit (normalised DQ %.2f)", mse.normalizedDq()),
                MSE, List.of(new Figure.Curve(curve(predictor, mse.theta(), n, 6.1)))));
        String caption = String.format(Locale.ROOT, "MSE: normalised DQ %.3f, test MSE %.3g", mse.normalizedDq(),
                mse.testMse());
        if (other != null) {
            layers.add(new Figure.Curves(String.format(Locale.ROOT, "%s fit (normalised DQ %.2f)",
                    method == Method.TASKMET ? "TaskMet" : "DFL", other.normalizedDq()), FIT,
                    List.of(new Figure.Curve(curve(predictor, other.theta(), n, 6.1)))));
            caption += String.format(Locale.ROOT, "; %s: normalised DQ %.3f, test MSE %.3g", method.key(),
                    other.normalizedDq(), other.testMse());
            if (method == Method.TASKMET && nets.weight() != null) {
                FunctionKernels weight = (FunctionKernels) nets.weight().copy();
                List<Point> w = curve(weight, other.theta(), n, Double.POSITIVE_INFINITY);
                double max = 0;
                for (Point p : w) {
                    max = Math.max(max, p.y());
                }
                double scale = max > 0 ? 4 / max : 1;
                List<Point> scaled = new ArrayList<>();
                for (Point p : w) {
                    scaled.add(new Point(p.x(), p.y() * scale));
                }
                layers.add(new Figure.Curves(String.format(Locale.ROOT, "Λ(x) × %.3g (max Λ = %.3g)", scale, max),
                        WEIGHT, List.of(new Figure.Curve(scaled))));
            }
        }
        Figure.Bounds bounds = new Figure.Bounds(-1, 1, -6, 6).padded(0.02);
        FigureWriter.write(new Figure("Cubic top-k: what each method fits", caption, "x", "y", bounds, false, layers),
                file, 900, 650);
    }

    /** f on [−1, 1], clamped to ±{@code clamp} (fits may leave the drawn range). */
    private static List<Point> curve(FunctionKernels f, double[] theta, int n, double clamp) {
        List<Point> out = new ArrayList<>();
        double[] in = new double[1];
        double[] y = new double[1];
        for (int k = 0; k < n; k++) {
            in[0] = -1 + 2.0 * k / (n - 1);
            f.value(in, theta, y);
            out.add(new Point(in[0], Math.max(-clamp, Math.min(clamp, y[0]))));
        }
        return out;
    }
}
