package geo.cli.common.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.common.figure.Figure.Curve;
import geo.cli.common.figure.Figure.Ellipse;
import geo.cli.common.figure.Figure.Point;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.load.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figure data model of {@link ModelPlot}, checked against closed forms. */
class ModelPlotTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("geo.examples.dir", "../examples"));

    static Model load(String file) throws IOException {
        SourceFile source = SourceFile.read(EXAMPLES.resolve(file));
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), file + " must check");
        return Compiler.compile(r.program(), source).load().models().get(0);
    }

    private static PlotRequest request(int grid, Point from, int fan, double length, List<PlotRequest.Pair> between) {
        return new PlotRequest(null, null, null, grid, from, fan, length, between, true, null);
    }

    private static ModelPlot.Result plot(Model model, PlotRequest request) throws PlotException {
        return ModelPlot.build(model, model.defaultParameters(), request);
    }

    private static List<Curve> curves(Figure f, String legendStart) {
        return f.layers(Figure.Curves.class).stream().filter(c -> c.legend().startsWith(legendStart))
                .flatMap(c -> c.curves().stream()).toList();
    }

    @Test
    void poincareEllipsesShrinkTowardTheBoundaryAsTheClosedFormSays() throws Exception {
        ModelPlot.Result r = plot(load("poincare.geo"), request(9, null, 12, Double.NaN, List.of()));
        double s = r.ellipseScale();
        List<Ellipse> ellipses = r.figure().layers(Figure.Ellipses.class).stream()
                .filter(l -> l.legend().startsWith("unit balls")).findFirst().orElseThrow().ellipses();
        // 81 grid points of [-1, 1]², of which the 12 nearest the corners lie outside the unit disc.
        assertEquals(69, ellipses.size());
        double spacing = 2.0 / 9;
        double largest = 0;
        for (Ellipse e : ellipses) {
            double r2 = e.center().x() * e.center().x() + e.center().y() * e.center().y();
            // g = (2 / (1 − r²))² I: the unit ball is a disc of radius (1 − r²)/2, scaled by s.
            double expected = s * (1 - r2) / 2;
            assertEquals(expected, e.a(), 1e-12 * expected, e.toString());
            assertEquals(expected, e.b(), 1e-12 * expected, e.toString());
            largest = Math.max(largest, e.a());
        }
        // The centre's disc (r = 1/9 from the grid's middle) is the largest and just fits 45% of a cell.
        assertEquals(ModelPlot.ELLIPSE_FILL * spacing, largest, 1e-12);
        assertTrue(largest < spacing / 2, "neighbouring ellipses must not overlap");
    }

    @Test
    void geodesicBetweenTwoPointsEndsAtTheSecond() throws Exception {
        Point a = new Point(0.1, 0.2);
        Point b = new Point(-0.5, -0.4);
        ModelPlot.Result r = plot(load("poincare.geo"), request(0, null, 12, Double.NaN,
                List.of(new PlotRequest.Pair(a, b))));
        List<Curve> geodesic = curves(r.figure(), "geodesic (0.1, 0.2)");
        assertEquals(1, geodesic.size());
        Curve c = geodesic.get(0);
        assertEquals(a, c.points().get(0));
        assertEquals(b.x(), c.end().x(), 1e-8);
        assertEquals(b.y(), c.end().y(), 1e-8);
        // A hyperbolic geodesic is an arc of a circle orthogonal to the boundary, not the chord.
        Point mid = c.points().get(c.points().size() / 2);
        assertTrue(Math.abs(mid.x() - mid.y() - 0.5 * (a.x() - a.y() + b.x() - b.y())) > 1e-3,
                "the midpoint should be off the straight segment: " + mid);
    }

    @Test
    void fanTowardTheBoundaryStaysInsideTheBallAndDoesNotThrow() throws Exception {
        ModelPlot.Result r = plot(load("poincare.geo"), request(0, new Point(0.3, 0.1), 16, 40, List.of()));
        List<Curve> fan = curves(r.figure(), "geodesics from");
        assertEquals(16, fan.size());
        for (Curve c : fan) {
            for (Point p : c.points()) {
                assertTrue(Math.hypot(p.x(), p.y()) <= 1 + 1e-9, "outside the ball: " + p);
            }
            // g-length 40 from the centre reaches Euclidean radius tanh(20) ≈ 1 − 8e-18; from (0.3, 0.1) every
            // geodesic ends very near the boundary (or on it, where it numerically left).
            assertTrue(Math.hypot(c.end().x(), c.end().y()) > 0.999, "ends at " + c.end());
        }
    }

    @Test
    void aGeodesicThatLeavesTheBoxIsDrawnUpToTheBoundary() throws Exception {
        // On the sphere's chart θ ∈ (0.01, 3.13), the geodesic from θ = 0.5 straight toward the pole θ = 0
        // (direction angle π in the (θ, φ) plane, the K/2-th of the fan) leaves at θ = 0.01 after length 0.49.
        ModelPlot.Result r = plot(load("sphere.geo"), request(0, new Point(0.5, 0), 4, 2, List.of()));
        List<Curve> fan = curves(r.figure(), "geodesics from");
        Curve toPole = fan.get(2);
        assertEquals(0.01, toPole.end().x(), 1e-9);
        assertEquals(0, toPole.end().y(), 1e-9);
        for (int k = 1; k < toPole.points().size(); k++) {
            assertTrue(toPole.points().get(k).x() < toPole.points().get(k - 1).x(), "θ decreases along it");
        }
        assertTrue(r.summary().stream().anyMatch(l -> l.contains("1 stopped early: left the domain")),
                r.summary().toString());
        // The opposite geodesic runs to θ = 2.5 without leaving.
        assertEquals(2.5, fan.get(0).end().x(), 1e-8);
    }

    @Test
    void aSliceUsesTheBlockOfTheMetricAndTheBallWithinIt() throws Exception {
        Model ball5 = load("poincare5.geo");
        PlotRequest slice = new PlotRequest(new int[] {0, 4}, new double[] {0, 0.6, 0, 0, 0}, null, 5, null, 1,
                Double.NaN, List.of(), true, null);
        ModelPlot.Result r = plot(ball5, slice);
        Figure f = r.figure();
        assertEquals("x[0]", f.xLabel());
        assertEquals("x[4]", f.yLabel());
        assertTrue(f.caption().contains("x[1] = 0.6"), f.caption());
        Ellipse boundary = f.layers(Figure.Ellipses.class).get(0).ellipses().get(0);
        assertEquals(0.8, boundary.a(), 1e-15);
        for (Ellipse e : f.layers(Figure.Ellipses.class).get(1).ellipses()) {
            double r2 = 0.36 + e.center().x() * e.center().x() + e.center().y() * e.center().y();
            assertEquals(r.ellipseScale() * (1 - r2) / 2, e.a(), 1e-12);
        }
        PlotRequest missing = new PlotRequest(new int[] {0, 4}, new double[] {0, 1.2, 0, 0, 0}, null, 5, null, 1,
                Double.NaN, List.of(), true, null);
        PlotException e = assertThrows(PlotException.class, () -> plot(ball5, missing));
        assertTrue(e.isUsage());
        assertTrue(e.getMessage().contains("misses the domain"), e.getMessage());
    }

    @Test
    void theWindowWithoutADomainHoldsTheGeodesicDrawn() throws Exception {
        Figure f = plot(load("deep.geo"), request(3, new Point(3, -0.5), 1, Double.NaN, List.of())).figure();
        assertTrue(f.bounds().contains(3, -0.5), f.bounds().toString());
        for (Point p : f.layers(Figure.Curves.class).get(0).curves().get(0).points()) {
            assertTrue(f.bounds().contains(p.x(), p.y()), p + " outside " + f.bounds());
        }
        // The default window [-2, 2]² grown to hold the point is not what is shown: one geodesic is.
        assertFalse(f.bounds().contains(-2, 2), f.bounds().toString());
    }

    /**
     * A short geodesic in a large declared box fills the window: the half-plane's box is
     * [−100, 100] × [0.001, 100], the geodesic from (−1, 1) to (1, 1) the upper half of the circle
     * of radius √2 about the origin, which used to take 1% of the picture's width.
     */
    @Test
    void aShortGeodesicInALargeBoxFillsTheWindow() throws Exception {
        Model halfPlane = load("hyperbolic_halfplane.geo");
        Figure f = plot(halfPlane, request(5, null, 1, Double.NaN,
                List.of(new PlotRequest.Pair(new Point(-1, 1), new Point(1, 1))))).figure();
        Figure.Bounds b = f.bounds();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Point p : f.layers(Figure.Curves.class).get(f.layers(Figure.Curves.class).size() - 1).curves().get(0)
                .points()) {
            assertTrue(b.contains(p.x(), p.y()), p + " outside " + b);
            xMin = Math.min(xMin, p.x());
            xMax = Math.max(xMax, p.x());
            yMax = Math.max(yMax, p.y());
        }
        assertEquals(Math.sqrt(2), yMax, 1e-3, "the top of the semicircle");
        assertTrue((xMax - xMin) / (b.xMax() - b.xMin()) > 0.6, "the geodesic spans most of the window: " + b);
        // The ellipse grid is laid over that window, not over the box.
        for (Ellipse e : f.layers(Figure.Ellipses.class).get(0).ellipses()) {
            assertTrue(b.contains(e.center().x(), e.center().y()), e.center() + " outside " + b);
        }
    }

    /**
     * With ellipses alone, a box much longer than wide shows the part nearest the origin, twice as
     * long as wide: the sphere's [0.01, 3.13] × [−10, 10] shows φ in [−3.12, 3.12].
     */
    @Test
    void anElongatedBoxShowsThePartNearestTheOrigin() throws Exception {
        ModelPlot.Result r = plot(load("sphere.geo"), request(9, null, 1, Double.NaN, List.of()));
        Figure.Bounds b = r.figure().bounds();
        double w = b.xMax() - b.xMin();
        double h = b.yMax() - b.yMin();
        assertEquals(2 * 3.12 * 1.08, h, 1e-9, "phi in [-3.12, 3.12], padded by 4% a side");
        assertEquals(3.12 * 1.08, w, 1e-9);
        assertTrue(r.summary().stream().anyMatch(s -> s.startsWith("window theta in [0.01, 3.13], phi in [-3.12, "
                + "3.12]: the part of the domain nearest the origin")), r.summary().toString());
    }
}
