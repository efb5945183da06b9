package geo.cli.common.figure;

import geo.cli.common.figure.Figure.Bounds;
import geo.cli.common.figure.Figure.Curve;
import geo.cli.common.figure.Figure.Ellipse;
import geo.cli.common.figure.Figure.Layer;
import geo.cli.common.figure.Figure.Point;
import geo.cli.common.figure.Figure.Style;
import geo.runtime.api.Domain;
import geo.runtime.api.ModelDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The plane a figure shows: two coordinates (i, j) of a model, the others fixed at a base point. For
 * d = 2 it is the whole chart. Maps plotted points to model points and back, and knows the part
 * of the declared domain that lies in the plane.
 */
final class Slice {

    /** Half the side of the default window when the model declares no domain. */
    static final double DEFAULT_HALF_WIDTH = 2;

    private final ModelDescriptor descriptor;
    private final Domain domain;
    private final int[] dims;
    private final double[] base;

    private Slice(ModelDescriptor descriptor, int[] dims, double[] base) {
        this.descriptor = descriptor;
        this.domain = descriptor.domain();
        this.dims = dims;
        this.base = base;
    }

    /**
     * The slice through {@code at} (null: the centre of the domain) in coordinates {@code dims}
     * (null only for d = 2).
     */
    static Slice of(ModelDescriptor descriptor, int[] dims, double[] at) throws PlotException {
        int d = descriptor.dimension();
        String name = "manifold " + descriptor.name();
        if (dims == null) {
            if (d != 2) {
                throw PlotException.usage(name + " has " + d + (d == 1 ? " coordinate" : " coordinates")
                        + " and a plot shows 2" + (d > 2 ? ": choose them with --dims i,j (the others are fixed "
                        + "by --at)" : ""));
            }
            dims = new int[] {0, 1};
        }
        if (dims.length != 2 || dims[0] == dims[1] || Math.min(dims[0], dims[1]) < 0 || Math.max(dims[0], dims[1]) >= d) {
            throw PlotException.usage("--dims needs two different coordinate indices from 0 to " + (d - 1) + " ("
                    + String.join(", ", descriptor.coordinates()) + "), got " + Arrays.toString(dims));
        }
        if (at != null && at.length != d) {
            throw PlotException.usage("--at needs " + d + " numbers (" + name + " has " + d + " coordinates), got "
                    + at.length);
        }
        double[] base = at != null ? at.clone() : centre(descriptor.domain(), d);
        Slice slice = new Slice(descriptor, dims.clone(), base);
        if (slice.ballRadius() <= 0 || !slice.domain.contains(slice.lift(slice.centre()))) {
            throw PlotException.usage("the slice " + slice.fixed() + " misses the domain " + slice.domain);
        }
        return slice;
    }

    private static double[] centre(Domain domain, int d) {
        double[] c = new double[d];
        if (domain instanceof Domain.Box box) {
            for (int k = 0; k < d; k++) {
                c[k] = 0.5 * (box.lo().get(k) + box.hi().get(k));
            }
        }
        return c;
    }

    Domain domain() {
        return domain;
    }

    /** The index of the horizontal (k = 0) or vertical (k = 1) coordinate. */
    int dim(int k) {
        return dims[k];
    }

    /** The name of the horizontal (k = 0) or vertical (k = 1) coordinate. */
    String label(int k) {
        return descriptor.coordinates().get(dims[k]);
    }

    /** The model point of a plotted point. */
    double[] lift(Point p) {
        double[] x = base.clone();
        x[dims[0]] = p.x();
        x[dims[1]] = p.y();
        return x;
    }

    /** The plotted point of a model point (or of a state [x; v]). */
    Point project(double[] x) {
        return new Point(x[dims[0]], x[dims[1]]);
    }

    /** The coordinates held fixed, as "name = value, ...", or "" for d = 2. */
    String fixed() {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < base.length; k++) {
            if (k != dims[0] && k != dims[1]) {
                parts.add(descriptor.coordinates().get(k) + " = " + ModelPlot.Format.number(base[k]));
            }
        }
        return parts.isEmpty() ? "" : "slice " + String.join(", ", parts);
    }

    /** A usage error unless {@code p} lies inside the domain. */
    void require(Point p, String option) throws PlotException {
        if (!domain.contains(lift(p))) {
            throw PlotException.usage(option + " " + ModelPlot.Format.point(p) + " lies outside the domain " + domain
                    + (fixed().isEmpty() ? "" : " (" + fixed() + ")"));
        }
    }

    /** The radius of a ball domain within the slice (positive infinity for other domains). */
    private double ballRadius() {
        if (!(domain instanceof Domain.Ball ball)) {
            return Double.POSITIVE_INFINITY;
        }
        double r2 = ball.radius() * ball.radius();
        for (int k = 0; k < base.length; k++) {
            if (k != dims[0] && k != dims[1]) {
                r2 -= base[k] * base[k];
            }
        }
        return r2 > 0 ? Math.sqrt(r2) : 0;
    }

    private Point centre() {
        if (domain instanceof Domain.Box) {
            return project(centre(domain, base.length));
        }
        return new Point(0, 0);
    }

    /**
     * The window of the domain in the slice; without a domain the square of half-width
     * {@value #DEFAULT_HALF_WIDTH} around the origin, grown to hold {@code points} with a margin.
     */
    Bounds defaultWindow(List<Point> points) {
        if (domain instanceof Domain.Ball) {
            double r = ballRadius();
            return new Bounds(-r, r, -r, r);
        }
        if (domain instanceof Domain.Box box) {
            return new Bounds(box.lo().get(dims[0]), box.hi().get(dims[0]), box.lo().get(dims[1]),
                    box.hi().get(dims[1]));
        }
        double h = DEFAULT_HALF_WIDTH;
        Bounds b = new Bounds(-h, h, -h, h);
        for (Point p : points) {
            double m = 0.1 * h;
            b = new Bounds(Math.min(b.xMin(), p.x() - m), Math.max(b.xMax(), p.x() + m),
                    Math.min(b.yMin(), p.y() - m), Math.max(b.yMax(), p.y() + m));
        }
        return b;
    }

    /**
     * Where traced geodesics stop: the declared domain, or without one a box a little larger than the
     * window, so that paths running out of view end soon after.
     */
    Domain traceDomain(Bounds window) {
        if (!(domain instanceof Domain.None)) {
            return domain;
        }
        Bounds b = window.padded(0.25);
        List<Double> lo = new ArrayList<>(Collections.nCopies(base.length, Double.NEGATIVE_INFINITY));
        List<Double> hi = new ArrayList<>(Collections.nCopies(base.length, Double.POSITIVE_INFINITY));
        lo.set(dims[0], b.xMin());
        hi.set(dims[0], b.xMax());
        lo.set(dims[1], b.yMin());
        hi.set(dims[1], b.yMax());
        return Domain.box(lo, hi);
    }

    /**
     * The domain for a legend, with numbers to four significant digits and periodic coordinates by
     * name (the full {@link Domain#toString()} does not fit under a figure).
     */
    private String shortDomain() {
        StringBuilder s = new StringBuilder();
        if (domain instanceof Domain.Ball ball) {
            s.append("ball(").append(ModelPlot.Format.number(ball.radius())).append(')');
        } else if (domain instanceof Domain.Box box) {
            s.append("box(").append(numbers(box.lo())).append(", ").append(numbers(box.hi())).append(')');
        } else {
            s.append("R^").append(descriptor.dimension());
        }
        for (int i = 0; i < descriptor.dimension(); i++) {
            if (domain.period(i) > 0) {
                s.append(", ").append(descriptor.coordinates().get(i)).append(" periodic (period ")
                        .append(ModelPlot.Format.number(domain.period(i))).append(')');
            }
        }
        return s.toString();
    }

    private static String numbers(List<Double> xs) {
        List<String> parts = new ArrayList<>();
        for (double x : xs) {
            parts.add(ModelPlot.Format.number(x));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** The domain's boundary in the slice as a layer, or null without a domain. */
    Layer boundary(Style style) {
        String legend = "domain " + shortDomain() + (fixed().isEmpty() ? "" : " in the slice");
        if (domain instanceof Domain.Ball) {
            return new Figure.Ellipses(legend, style, List.of(new Ellipse(new Point(0, 0), ballRadius(),
                    ballRadius(), 0)));
        }
        if (domain instanceof Domain.Box box) {
            double x0 = box.lo().get(dims[0]);
            double x1 = box.hi().get(dims[0]);
            double y0 = box.lo().get(dims[1]);
            double y1 = box.hi().get(dims[1]);
            return new Figure.Curves(legend, style, List.of(new Curve(List.of(new Point(x0, y0),
                    new Point(x1, y0), new Point(x1, y1), new Point(x0, y1), new Point(x0, y0)))));
        }
        return null;
    }
}
