package geo.cli.common.figure;

import java.awt.Color;
import java.util.List;

/**
 * What a plot shows, in data coordinates: a title, an optional caption under it, the axis labels, the
 * window and the layers, drawn in order (later layers on top). Rendering is {@link FigureWriter}'s.
 *
 * @param title       the title (a model's name)
 * @param caption     a line under the title (how to read the figure, e.g. the ellipse scale); may be empty
 * @param xLabel      the horizontal axis label
 * @param yLabel      the vertical axis label
 * @param bounds      the window shown
 * @param equalAspect true to show one unit the same length on both axes (the window then grows
 *                    along one axis to fill the picture), so that circles look round
 * @param layers      what to draw, bottom first
 */
public record Figure(String title, String caption, String xLabel, String yLabel, Bounds bounds, boolean equalAspect,
                     List<Layer> layers) {

    public Figure {
        layers = List.copyOf(layers);
    }

    /** The layers of one kind, in drawing order. */
    public <L extends Layer> List<L> layers(Class<L> kind) {
        return layers.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** A rectangle of the plane, xMin &lt; xMax and yMin &lt; yMax. */
    public record Bounds(double xMin, double xMax, double yMin, double yMax) {
        public Bounds {
            if (!(xMin < xMax && yMin < yMax) || !Double.isFinite(xMax - xMin) || !Double.isFinite(yMax - yMin)) {
                throw new IllegalArgumentException("bounds need finite xmin < xmax and ymin < ymax, got " + xMin + ", "
                        + xMax + ", " + yMin + ", " + yMax);
            }
        }

        /** These bounds grown by {@code fraction} of the width and height on every side. */
        public Bounds padded(double fraction) {
            double dx = fraction * (xMax - xMin);
            double dy = fraction * (yMax - yMin);
            return new Bounds(xMin - dx, xMax + dx, yMin - dy, yMax + dy);
        }

        /** True when (x, y) lies in the rectangle or on its edge. */
        public boolean contains(double x, double y) {
            return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
        }
    }

    /**
     * How a layer is drawn.
     *
     * @param color  the colour of lines and markers
     * @param width  the line width in pixels
     * @param dashed true for a dashed line
     * @param fill   the fill of closed shapes and markers, or null for none
     */
    public record Style(Color color, float width, boolean dashed, Color fill) {
        /** The same colour, filled with it at the given opacity (0–255). */
        public Style filled(int alpha) {
            return new Style(color, width, dashed, new Color(color.getRed(), color.getGreen(), color.getBlue(), alpha));
        }
    }

    /** A point of the plane. */
    public record Point(double x, double y) {
    }

    /**
     * The ellipse {center + a cos(t) e₁ + b sin(t) e₂}, where e₁ = (cos angle, sin angle) and e₂ ⊥ e₁.
     *
     * @param a     the semi-axis along e₁
     * @param b     the semi-axis along e₂
     * @param angle the direction of e₁, in radians from the x axis
     */
    public record Ellipse(Point center, double a, double b, double angle) {
    }

    /** A polyline through its points, in order. */
    public record Curve(List<Point> points) {
        public Curve {
            points = List.copyOf(points);
        }

        /** The last point. */
        public Point end() {
            return points.get(points.size() - 1);
        }
    }

    /** A straight segment (an edge of a graph). */
    public record Segment(Point from, Point to) {
    }

    /** One layer: shapes of one kind and style, with a legend entry unless {@code legend} is null. */
    public sealed interface Layer permits Ellipses, Curves, Points, Segments {
        /** The legend entry, or null for none. */
        String legend();

        Style style();
    }

    /** Ellipses, e.g. the unit balls of a metric. */
    public record Ellipses(String legend, Style style, List<Ellipse> ellipses) implements Layer {
        public Ellipses {
            ellipses = List.copyOf(ellipses);
        }
    }

    /** Polylines, e.g. geodesics. */
    public record Curves(String legend, Style style, List<Curve> curves) implements Layer {
        public Curves {
            curves = List.copyOf(curves);
        }
    }

    /**
     * Markers at points, e.g. the start of a fan or the nodes of a graph.
     *
     * @param labels text next to each point (same length as points), or empty for none
     */
    public record Points(String legend, Style style, List<Point> points, List<String> labels) implements Layer {
        public Points {
            points = List.copyOf(points);
            labels = List.copyOf(labels);
            if (!labels.isEmpty() && labels.size() != points.size()) {
                throw new IllegalArgumentException(points.size() + " points but " + labels.size() + " labels");
            }
        }
    }

    /** Straight segments, e.g. the edges of a graph. */
    public record Segments(String legend, Style style, List<Segment> segments) implements Layer {
        public Segments {
            segments = List.copyOf(segments);
        }
    }
}
