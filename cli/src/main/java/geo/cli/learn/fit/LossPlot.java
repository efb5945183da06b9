package geo.cli.learn.fit;

import geo.cli.common.figure.Figure;
import geo.cli.common.figure.Figure.Point;
import geo.cli.common.figure.FigureWriter;
import geo.cli.common.figure.PlotException;
import geo.runtime.learn.fit.FitEpoch;
import geo.runtime.learn.fit.FitResult;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The loss curve of {@code geo fit --plot-loss}: log₁₀ of the training and validation loss per
 * epoch (the figure module has linear axes, so the logarithm is taken here and the axis says so),
 * with the kept epoch marked.
 */
final class LossPlot {

    private static final Figure.Style TRAIN = new Figure.Style(new Color(0x1f, 0x77, 0xb4), 2f, false, null);
    private static final Figure.Style VALIDATION = new Figure.Style(new Color(0xd6, 0x27, 0x28), 2f, true, null);
    private static final Figure.Style KEPT = new Figure.Style(new Color(0x22, 0x22, 0x22), 1f, false,
            new Color(0x22, 0x22, 0x22));

    private LossPlot() {
    }

    static void write(Path file, String loss, FitResult r) throws PlotException {
        List<Point> train = new ArrayList<>();
        List<Point> validation = new ArrayList<>();
        for (FitEpoch e : r.epochs()) {
            if (e.train() > 0 && Double.isFinite(e.train())) {
                train.add(new Point(e.epoch(), Math.log10(e.train())));
            }
            if (e.validation().isPresent() && e.validation().getAsDouble() > 0
                    && Double.isFinite(e.validation().getAsDouble())) {
                validation.add(new Point(e.epoch(), Math.log10(e.validation().getAsDouble())));
            }
        }
        List<Figure.Layer> layers = new ArrayList<>();
        if (!train.isEmpty()) {
            layers.add(new Figure.Curves("training loss", TRAIN, List.of(new Figure.Curve(train))));
        }
        if (!validation.isEmpty()) {
            layers.add(new Figure.Curves("validation loss", VALIDATION, List.of(new Figure.Curve(validation))));
        }
        String caption = String.format(Locale.ROOT, "%s: %s", r.status().name().toLowerCase(Locale.ROOT)
                .replace('_', ' '), r.keptEpoch().map(e -> "kept epoch " + e.epoch()).orElse("no epoch completed"));
        r.keptEpoch().ifPresent(e -> {
            double v = e.loss().orElse(0);
            if (v > 0 && Double.isFinite(v)) {
                layers.add(new Figure.Points("kept epoch", KEPT, List.of(new Point(e.epoch(), Math.log10(v))), List.of()));
            }
        });
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (List<Point> curve : List.of(train, validation)) {
            for (Point p : curve) {
                y0 = Math.min(y0, p.y());
                y1 = Math.max(y1, p.y());
            }
        }
        if (!(y0 <= y1)) {
            y0 = -1;
            y1 = 1;
        }
        if (y1 - y0 < 1e-3) {
            y0 -= 0.5;
            y1 += 0.5;
        }
        int epochs = Math.max(2, r.epochs().size());
        Figure.Bounds bounds = new Figure.Bounds(1, epochs, y0, y1).padded(0.04);
        FigureWriter.write(new Figure("geo fit: loss " + loss, caption, "epoch", "log10 of the mean loss", bounds, false,
                layers), file, 900, 600);
    }
}
