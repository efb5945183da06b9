package geo.cli.common.figure;

import geo.cli.common.figure.Figure.Bounds;
import geo.cli.common.figure.Figure.Curve;
import geo.cli.common.figure.Figure.Ellipse;
import geo.cli.common.figure.Figure.Layer;
import geo.cli.common.figure.Figure.Point;
import geo.cli.common.figure.Figure.Style;
import geo.runtime.api.Domain;
import geo.runtime.api.MetricKernels;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.load.Model;
import geo.runtime.ode.IntegrationException;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the {@link Figure} of a metric model over a 2-D chart (or a 2-D coordinate slice): the
 * domain's boundary, metric ellipses on a grid, a fan of geodesics from a point and geodesics
 * between pairs of points.
 *
 * <p>The ellipse at x is the unit ball of g(x) scaled by a common s, {x + u : uᵀ g(x) u = s²}: its
 * semi-axes are s/√λ along the eigenvectors of g(x) (for a slice, of the 2×2 block of g in the
 * plotted coordinates — the metric the slice inherits). s is the largest value for which every
 * ellipse stays within 45% of the grid spacing of its centre along each axis, so that neighbours
 * never overlap. The fan's initial
 * velocities are the directions of the plane at equal angles, each scaled to unit g-length, and
 * followed for the same g-length; between two points the geodesic is exp_x(t log_x y), with log by
 * shooting.
 */
public final class ModelPlot {

    /** The integrator of logarithms and their paths (that of {@code geo log}). */
    static final GeodesicMethod METHOD = GeodesicMethod.dopri5(1e-12, 1e-12);

    /** Vertices of a geodesic between two points. */
    static final int PATH_SAMPLES = 401;

    /** The most one side of a default window may exceed the other (as a factor). */
    static final double MAX_ELONGATION = 2;

    /** Geodesics spanning this fraction of the domain's window along both axes get all of it. */
    static final double COVERED = 0.5;

    /** The margin around the geodesics and points drawn, as a fraction of their larger extent. */
    static final double DATA_MARGIN = 0.12;

    /** No ellipse extends beyond this fraction of the grid spacing from its centre. */
    static final double ELLIPSE_FILL = 0.45;

    static final Style BOUNDARY = new Style(new Color(0x33, 0x33, 0x33), 1.6f, false, null);
    static final Style ELLIPSES = new Style(new Color(0x1f, 0x77, 0xb4), 1.2f, false, null).filled(60);
    static final Style FAN = new Style(new Color(0xe6, 0x7e, 0x22), 1.6f, false, null);
    static final Style BETWEEN = new Style(new Color(0xc0, 0x1f, 0x3c), 2.6f, false, null);
    static final Style MARKERS = new Style(Color.BLACK, 1f, false, Color.BLACK);

    /**
     * A figure and what it took to make it.
     *
     * @param figure       the figure
     * @param ellipseScale the common scale s of the metric ellipses (NaN without ellipses)
     * @param summary      one line per layer for the user: counts, lengths, what stopped early
     */
    public record Result(Figure figure, double ellipseScale, List<String> summary) {
        public Result {
            summary = List.copyOf(summary);
        }
    }

    private final Model model;
    private final double[] theta;
    private final PlotRequest request;
    private final Slice slice;
    private final MetricKernels metric;
    private final int d;
    private final List<Layer> layers = new ArrayList<>();
    private final List<Point> markers = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();
    private final List<String> caption = new ArrayList<>();

    private ModelPlot(Model model, double[] theta, PlotRequest request) throws PlotException {
        if (!model.descriptor().kernels().contains("metric")) {
            throw PlotException.usage("manifold " + model.name() + " has a lagrangian only; a plot needs a metric");
        }
        this.model = model;
        this.theta = theta.clone();
        this.request = request;
        this.slice = Slice.of(model.descriptor(), request.dims(), request.at());
        this.metric = model.metric();
        this.d = model.dimension();
    }

    /**
     * The figure of {@code model} at parameters θ.
     *
     * @throws PlotException a usage error for a request that does not fit the model (a point outside the
     *                       domain, a window without the domain in it); a failure when a geodesic between two
     *                       points cannot be found
     */
    public static Result build(Model model, double[] theta, PlotRequest request) throws PlotException {
        return new ModelPlot(model, theta, request).build();
    }

    private Result build() throws PlotException {
        // The window geodesics are traced in (and the fan's default length is measured on): the
        // declared domain's box, or --range. The window shown is then chosen from what was drawn.
        Bounds domainWindow = request.range() != null ? request.range() : slice.defaultWindow(points());
        if (request.from() != null) {
            slice.require(request.from(), "--geodesics-from");
        }
        for (PlotRequest.Pair pair : request.between()) {
            slice.require(pair.from(), "--between");
            slice.require(pair.to(), "--between");
        }
        Layer boundary = slice.boundary(BOUNDARY);
        if (boundary != null) {
            layers.add(boundary);
        }
        int below = layers.size();
        if (request.from() != null) {
            fan(request.from(), domainWindow);
        }
        for (PlotRequest.Pair pair : request.between()) {
            between(pair);
        }
        Bounds data = request.range() != null ? null : dataWindow(domainWindow, layers.subList(below, layers.size()));
        Bounds chart = request.range() != null ? request.range() : data != null ? data : nearOrigin(domainWindow);
        // Ellipses go below the geodesics: insert their layer where the geodesics' layers start.
        double scale = request.grid() > 0 ? ellipses(chart, below) : Double.NaN;
        if (!markers.isEmpty()) {
            layers.add(new Figure.Points(null, MARKERS, markers, List.of()));
        }
        if (!slice.fixed().isEmpty()) {
            caption.add(slice.fixed());
        }
        String title = request.title() != null ? request.title() : model.name();
        Figure figure = new Figure(title, String.join("; ", caption), slice.label(0), slice.label(1),
                request.range() != null || data != null ? chart : chart.padded(0.04), request.equalAspect(), layers);
        return new Result(figure, scale, summary);
    }

    /**
     * The default window when only ellipses are drawn: the domain's window, or for one whose sides
     * differ by more than a factor of {@value #MAX_ELONGATION} the part of it nearest the origin
     * along the longer side, {@value #MAX_ELONGATION} times as long as the shorter side, so that
     * the ellipses are not squeezed into a strip: the sphere's box [0.01, 3.13] × [−10, 10] shows
     * φ in [−3.12, 3.12], the polar plane's [0.01, 100] × [−10, 10] shows r in [0.01, 40.01].
     * --range shows any other part.
     */
    private Bounds nearOrigin(Bounds window) {
        double w = window.xMax() - window.xMin();
        double h = window.yMax() - window.yMin();
        if (w <= MAX_ELONGATION * h && h <= MAX_ELONGATION * w) {
            return window;
        }
        double[] x = cut(window.xMin(), window.xMax(), MAX_ELONGATION * h);
        double[] y = cut(window.yMin(), window.yMax(), MAX_ELONGATION * w);
        Bounds part = new Bounds(x[0], x[1], y[0], y[1]);
        summary.add("window " + slice.label(0) + " in [" + Format.number(part.xMin()) + ", " + Format.number(part.xMax())
                + "], " + slice.label(1) + " in [" + Format.number(part.yMin()) + ", " + Format.number(part.yMax())
                + "]: the part of the domain nearest the origin (--range shows another)");
        return part;
    }

    /** [lo, hi] cut to at most {@code length}, centred on 0 as far as it stays inside. */
    private static double[] cut(double lo, double hi, double length) {
        if (hi - lo <= length) {
            return new double[] {lo, hi};
        }
        double start = Math.max(lo, Math.min(hi - length, -0.5 * length));
        return new double[] {start, start + length};
    }

    /**
     * The window of the geodesics and points drawn (the layers {@code geodesics}), grown by
     * {@value #DATA_MARGIN} of its larger side on every side, and no larger than the domain's
     * window (padded as a default window is). Null, for the domain's window, when nothing but
     * ellipses is drawn or when the geodesics span at least {@value #COVERED} of the domain's
     * window along both axes. So a short geodesic in a large declared box fills the picture
     * instead of a few pixels of it.
     */
    private Bounds dataWindow(Bounds domainWindow, List<Layer> geodesics) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        List<Point> drawn = new ArrayList<>(markers);
        for (Figure.Curves layer : geodesics.stream().filter(Figure.Curves.class::isInstance)
                .map(Figure.Curves.class::cast).toList()) {
            for (Curve c : layer.curves()) {
                drawn.addAll(c.points());
            }
        }
        for (Point p : drawn) {
            if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                xMin = Math.min(xMin, p.x());
                xMax = Math.max(xMax, p.x());
                yMin = Math.min(yMin, p.y());
                yMax = Math.max(yMax, p.y());
            }
        }
        if (!(xMin <= xMax)) {
            return null;
        }
        double domainSide = Math.max(domainWindow.xMax() - domainWindow.xMin(), domainWindow.yMax() - domainWindow.yMin());
        // A side no shorter than a thousandth of the domain's, so that one point still has a window.
        double side = Math.max(Math.max(xMax - xMin, yMax - yMin), 1e-3 * domainSide);
        double m = DATA_MARGIN * side;
        double cx = 0.5 * (xMin + xMax);
        double cy = 0.5 * (yMin + yMax);
        // Each side at least half the larger one, so a straight geodesic does not get a sliver.
        double hx = Math.max(0.5 * (xMax - xMin), 0.25 * side) + m;
        double hy = Math.max(0.5 * (yMax - yMin), 0.25 * side) + m;
        Bounds window = new Bounds(cx - hx, cx + hx, cy - hy, cy + hy);
        Bounds limit = domainWindow.padded(0.04);
        // Without a domain, geodesics may leave the default window: the window then follows them.
        window = model.descriptor().domain() instanceof Domain.None ? window : new Bounds(Math.max(window.xMin(), limit.xMin()), Math.min(window.xMax(), limit.xMax()),
                Math.max(window.yMin(), limit.yMin()), Math.min(window.yMax(), limit.yMax()));
        // Geodesics spanning most of the domain: show all of it, as for ellipses alone.
        boolean most = window.xMax() - window.xMin() >= COVERED * (limit.xMax() - limit.xMin())
                && window.yMax() - window.yMin() >= COVERED * (limit.yMax() - limit.yMin());
        return most ? null : window;
    }

    private List<Point> points() {
        List<Point> all = new ArrayList<>();
        if (request.from() != null) {
            all.add(request.from());
        }
        for (PlotRequest.Pair pair : request.between()) {
            all.add(pair.from());
            all.add(pair.to());
        }
        return all;
    }

    /** The metric ellipses on the grid over {@code chart}, as layer number {@code at}; returns their scale s. */
    private double ellipses(Bounds chart, int at) {
        int n = request.grid();
        double hx = (chart.xMax() - chart.xMin()) / n;
        double hy = (chart.yMax() - chart.yMin()) / n;
        double[] g = new double[d * d];
        List<Point> centers = new ArrayList<>();
        List<double[]> axes = new ArrayList<>();
        double fit = Double.POSITIVE_INFINITY;
        int outside = 0;
        int degenerate = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                Point p = new Point(chart.xMin() + (c + 0.5) * hx, chart.yMin() + (r + 0.5) * hy);
                double[] x = slice.lift(p);
                if (!slice.domain().contains(x)) {
                    outside++;
                    continue;
                }
                double[] e = unitBall(x, g);
                if (e == null) {
                    degenerate++;
                    continue;
                }
                centers.add(p);
                axes.add(e);
                // The half-widths of the ellipse with s = 1 along x and along y.
                double cos = Math.cos(e[2]);
                double sin = Math.sin(e[2]);
                double ex = Math.hypot(e[0] * cos, e[1] * sin);
                double ey = Math.hypot(e[0] * sin, e[1] * cos);
                fit = Math.min(fit, Math.min(hx / ex, hy / ey));
            }
        }
        if (centers.isEmpty()) {
            summary.add(0, "metric ellipses: none (no grid point where g is positive definite inside the domain)");
            return Double.NaN;
        }
        double s = ELLIPSE_FILL * fit;
        List<Ellipse> ellipses = new ArrayList<>();
        for (int k = 0; k < centers.size(); k++) {
            double[] e = axes.get(k);
            ellipses.add(new Ellipse(centers.get(k), s * e[0], s * e[1], e[2]));
        }
        String scale = "s = " + Format.number(s);
        layers.add(at, new Figure.Ellipses("unit balls of g, scaled by " + scale, ELLIPSES, ellipses));
        caption.add("ellipses {x + u : u\u1d40 g(x) u = s\u00b2}, " + scale);
        summary.add(0, "metric ellipses: " + centers.size() + " on a " + n + " \u00d7 " + n + " grid, scale " + scale
                + (outside > 0 ? "; " + outside + " grid points outside the domain" : "")
                + (degenerate > 0 ? "; " + degenerate + " where g is not positive definite or not finite" : ""));
        return s;
    }

    /**
     * The unit ball of the plotted 2×2 block of g(x): {1/√λ₁, 1/√λ₂, angle of λ₁'s eigenvector}
     * with λ₁ ≥ λ₂, or null where the block is not finite and positive definite.
     */
    private double[] unitBall(double[] x, double[] g) {
        try {
            metric.metric(x, theta, g);
        } catch (ArithmeticException e) {
            return null;
        }
        int i = slice.dim(0);
        int j = slice.dim(1);
        double a = g[i * d + i];
        double b = 0.5 * (g[i * d + j] + g[j * d + i]);
        double c = g[j * d + j];
        double mean = 0.5 * (a + c);
        double radius = Math.hypot(0.5 * (a - c), b);
        double l1 = mean + radius;
        double l2 = mean - radius;
        if (!(l2 > 0) || !Double.isFinite(l1)) {
            return null;
        }
        return new double[] {1 / Math.sqrt(l1), 1 / Math.sqrt(l2), 0.5 * Math.atan2(2 * b, a - c)};
    }

    private void fan(Point from, Bounds chart) throws PlotException {
        int k = request.fan();
        double[] x = slice.lift(from);
        double[] g = new double[d * d];
        try {
            metric.metric(x, theta, g);
        } catch (ArithmeticException e) {
            throw PlotException.failure("the metric fails at --geodesics-from " + Format.point(from) + ": "
                    + e.getMessage());
        }
        int i = slice.dim(0);
        int j = slice.dim(1);
        double length = request.length();
        if (Double.isNaN(length)) {
            // About half the window's smaller side, measured in g at the start point.
            double side = Math.min(chart.xMax() - chart.xMin(), chart.yMax() - chart.yMin());
            length = 0.5 * side * Math.sqrt(0.5 * (g[i * d + i] + g[j * d + j]));
        }
        GeodesicTracer tracer = new GeodesicTracer(model.acceleration(), theta, slice.traceDomain(chart));
        List<Curve> curves = new ArrayList<>();
        List<String> stops = new ArrayList<>();
        for (int m = 0; m < k; m++) {
            double phi = 2 * Math.PI * m / k;
            double[] v = new double[d];
            v[i] = Math.cos(phi);
            v[j] = Math.sin(phi);
            double norm = Math.sqrt(quadratic(g, v));
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw PlotException.failure("g is not positive definite at --geodesics-from " + Format.point(from));
            }
            for (int c = 0; c < d; c++) {
                v[c] /= norm;
            }
            GeodesicTracer.Trace t = tracer.trace(x, v, length);
            curves.add(curve(t.states()));
            if (!t.complete()) {
                stops.add(t.failure().reason() == IntegrationException.Reason.LEFT_DOMAIN ? "left the "
                        + (model.descriptor().domain() instanceof Domain.None ? "window" : "domain")
                        : t.failure().reason().text());
            }
        }
        String what = (slice.fixed().isEmpty() ? "geodesics" : "geodesics (projected)") + " from "
                + Format.point(from) + ", g-length " + Format.number(length);
        layers.add(new Figure.Curves(what, FAN, curves));
        markers.add(from);
        summary.add(k + " " + what + (stops.isEmpty() ? "" : "; " + stops.size() + " stopped early: "
                + String.join(", ", stops.stream().distinct().toList())));
    }

    private double quadratic(double[] g, double[] v) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                s += v[a] * g[a * d + b] * v[b];
            }
        }
        return s;
    }

    private void between(PlotRequest.Pair pair) throws PlotException {
        double[] a = slice.lift(pair.from());
        double[] b = slice.lift(pair.to());
        String what = (slice.fixed().isEmpty() ? "geodesic " : "geodesic (projected) ") + Format.point(pair.from())
                + " \u2192 " + Format.point(pair.to());
        double[] v = new double[d];
        double[] positions = new double[PATH_SAMPLES * d];
        LogResult r;
        try {
            r = new Distances(model, METHOD, Shooting.Options.DEFAULT).log(a, b, theta, v);
            if (r.converged()) {
                new Geodesics(model.acceleration(), METHOD).path(a, v, theta, PATH_SAMPLES, positions, null);
            }
        } catch (IntegrationException | ArithmeticException e) {
            // ArithmeticException: the metric is not positive definite at an end (MetricCheck).
            throw PlotException.failure("no " + what + ": " + e.getMessage());
        }
        if (!r.converged()) {
            throw PlotException.failure("no " + what + ": " + r.failure());
        }
        List<double[]> states = new ArrayList<>();
        for (int k = 0; k < PATH_SAMPLES; k++) {
            double[] s = new double[d];
            System.arraycopy(positions, k * d, s, 0, d);
            states.add(s);
        }
        double[] g = new double[d * d];
        metric.metric(a, theta, g);
        String length = Format.number(Math.sqrt(quadratic(g, v)));
        layers.add(new Figure.Curves(what + ", length " + length, BETWEEN, List.of(curve(states))));
        markers.add(pair.from());
        // The geodesic's own end: with periodic coordinates it may end at an image of the point given.
        markers.add(slice.project(states.get(states.size() - 1)));
        summary.add(what + ": length " + Math.sqrt(quadratic(g, v)) + " (" + r + ")");
    }

    private Curve curve(List<double[]> states) {
        List<Point> points = new ArrayList<>(states.size());
        for (double[] s : states) {
            points.add(slice.project(s));
        }
        return new Curve(points);
    }

    /** Short numbers for legends: four significant digits, no trailing zeros. */
    static final class Format {
        private Format() {
        }

        static String number(double x) {
            if (x == Math.rint(x) && Math.abs(x) < 1e6) {
                return String.valueOf((long) x);
            }
            String s = String.format(Locale.ROOT, "%.4g", x);
            if (s.contains("e")) {
                return s;
            }
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }

        /** A point as the user wrote it: the shortest decimals that read back as the same doubles. */
        static String point(Point p) {
            return "(" + exact(p.x()) + ", " + exact(p.y()) + ")";
        }

        private static String exact(double x) {
            String s = Double.toString(x);
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
    }
}
