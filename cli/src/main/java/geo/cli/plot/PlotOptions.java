package geo.cli.plot;

import geo.cli.common.NumberList;
import geo.cli.common.UsageException;
import geo.cli.common.figure.Figure.Bounds;
import geo.cli.common.figure.Figure.Point;
import geo.cli.common.figure.FigureWriter;
import geo.cli.common.figure.ModelPlot;
import geo.cli.common.figure.PlotException;
import geo.cli.common.figure.PlotRequest;
import geo.runtime.load.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code geo plot} and the REPL's {@code :plot} (a picocli mixin): what to draw and
 * the picture's size. {@link #request()} checks them and makes a {@link PlotRequest}.
 */
public final class PlotOptions {

    /** The largest --grid: beyond it ellipses are too small to see. */
    static final int MAX_GRID = 60;

    @Option(names = "--grid", paramLabel = "N", defaultValue = "9",
            description = "Metric ellipses on an N × N grid; 0 for none (default: ${DEFAULT-VALUE}).")
    int grid;

    @Option(names = "--geodesics-from", paramLabel = "x1,x2",
            description = "Draw a fan of geodesics from this point.")
    String from;

    @Option(names = "--fan", paramLabel = "K", defaultValue = "12",
            description = "The number of geodesics in the fan, at equal angles (default: ${DEFAULT-VALUE}).")
    int fan;

    @Option(names = "--length", paramLabel = "L",
            description = "The g-length of the fan's geodesics (default: about half the window, measured at the "
                    + "start point).")
    String length;

    @Option(names = "--between", arity = "2", paramLabel = "x1,x2",
            description = "Draw the geodesic between two points (by log, with shooting); repeatable.")
    List<String> between = new ArrayList<>();

    @Option(names = "--range", paramLabel = "xmin,xmax,ymin,ymax",
            description = "The window (default: the declared domain, else a square around the origin).")
    String range;

    @Option(names = "--dims", paramLabel = "i,j",
            description = "For d > 2: the indices of the two coordinates to plot (a slice through --at).")
    String dims;

    @Option(names = "--at", paramLabel = "x1,...,xd",
            description = "With --dims: the point whose other coordinates the slice keeps (default: the domain's "
                    + "centre, or 0).")
    String at;

    @Option(names = "--aspect", paramLabel = "equal|free", defaultValue = "equal",
            description = "equal: a unit is as long on both axes, so circles look round (default); free: fill the "
                    + "picture.")
    String aspect;

    @Option(names = "--title", paramLabel = "TEXT", description = "The title (default: the manifold's name).")
    String title;

    @Option(names = "--width", paramLabel = "PIXELS", defaultValue = "800",
            description = "The picture's width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "PIXELS", defaultValue = "800",
            description = "The picture's height (default: ${DEFAULT-VALUE}).")
    int height;

    /** The option names, for completion. */
    public static List<String> names() {
        return CommandSpec.forAnnotatedObject(new PlotOptions()).options().stream().map(OptionSpec::longestName)
                .sorted().toList();
    }

    /** The request these options make, after checking that {@code out} can be written: all before any work. */
    public PlotRequest check(Path out) throws PlotException {
        FigureWriter.check(out);
        return request();
    }

    /**
     * Draws {@code model} at parameters θ as {@code request} says and writes the picture to {@code out};
     * returns what to tell the user: the file, then one line per layer.
     */
    public List<String> draw(Model model, double[] theta, PlotRequest request, Path out) throws PlotException {
        ModelPlot.Result result = ModelPlot.build(model, theta, request);
        FigureWriter.write(result.figure(), out, width, height);
        List<String> lines = new ArrayList<>();
        lines.add("wrote " + out + " (" + width + " \u00d7 " + height + " pixels)");
        lines.addAll(result.summary());
        return lines;
    }

    /** The request these options make; a usage error for a malformed or out-of-range value. */
    public PlotRequest request() throws PlotException {
        FigureWriter.checkSize(width, height);
        if (grid < 0 || grid > MAX_GRID) {
            throw PlotException.usage("--grid needs a whole number from 0 to " + MAX_GRID + ", got " + grid);
        }
        if (fan < 1 || fan > 360) {
            throw PlotException.usage("--fan needs a whole number from 1 to 360, got " + fan);
        }
        double len = Double.NaN;
        if (length != null) {
            len = numbers("--length", length, 1)[0];
            if (!(len > 0)) {
                throw PlotException.usage("--length must be positive, got " + length);
            }
        }
        if (!aspect.equals("equal") && !aspect.equals("free")) {
            throw PlotException.usage("--aspect is equal or free, got '" + aspect + "'");
        }
        int[] ij = null;
        if (dims != null) {
            double[] v = numbers("--dims", dims, 2);
            if (v[0] != Math.rint(v[0]) || v[1] != Math.rint(v[1])) {
                throw PlotException.usage("--dims needs two whole numbers (coordinate indices from 0), got " + dims);
            }
            ij = new int[] {(int) v[0], (int) v[1]};
        }
        if (at != null && dims == null) {
            throw PlotException.usage("--at fixes the coordinates a slice does not show; it needs --dims i,j");
        }
        Bounds window = null;
        if (range != null) {
            double[] r = numbers("--range", range, 4);
            if (!(r[0] < r[1] && r[2] < r[3])) {
                throw PlotException.usage("--range needs xmin < xmax and ymin < ymax, got " + range);
            }
            window = new Bounds(r[0], r[1], r[2], r[3]);
        }
        List<PlotRequest.Pair> pairs = new ArrayList<>();
        for (int k = 0; k + 1 < between.size(); k += 2) {
            pairs.add(new PlotRequest.Pair(point("--between", between.get(k)), point("--between", between.get(k + 1))));
        }
        return new PlotRequest(ij, at == null ? null : numbers("--at", at, -1),
                window, grid, from == null ? null : point("--geodesics-from", from), fan, len, pairs,
                aspect.equals("equal"), title);
    }

    private static Point point(String option, String text) throws PlotException {
        double[] p = numbers(option, text, 2);
        return new Point(p[0], p[1]);
    }

    /** Exactly {@code n} numbers (any number for n &lt; 0). */
    private static double[] numbers(String option, String text, int n) throws PlotException {
        double[] v;
        try {
            v = NumberList.parse(option, text);
        } catch (UsageException e) {
            throw PlotException.usage(e.getMessage());
        }
        if (n >= 0 && v.length != n) {
            throw PlotException.usage(option + " needs " + n + (n == 1 ? " number" : " numbers") + ", got " + v.length
                    + " ('" + text + "')");
        }
        return v;
    }
}
