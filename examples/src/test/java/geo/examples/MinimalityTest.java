package geo.examples;

import static geo.examples.GeometryOracles.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.bvp.ConjugatePoints;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogStatus;
import geo.runtime.bvp.Minimality;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.load.Model;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Distances are lengths of certified geodesics (issue 13, item 1): periodic images of the target,
 * conjugate points against the closed form on the sphere (the first conjugate point along a
 * geodesic of the unit n-sphere is at arc length π), and no longer geodesic reported as converged.
 */
class MinimalityTest {

    /** The step of {@link ConjugatePoints}: a conjugate point at t* is reported by the end of its step. */
    private static final double STEP = 1.0 / ConjugatePoints.STEPS;

    /** The unit sphere in a chart where φ is not periodic: (1, 4) and (1, 4 − 2π) are different points. */
    private static final String SPHERE_CHART = """
            manifold SphereChart {
              coords theta, phi in box([0.01, -10], [3.13, 10]);
              metric g = diag([1, sin(theta)^2]);
            }
            """;

    /** The unit 3-sphere: conjugate points of multiplicity 2, where det ∂exp/∂v does not change sign. */
    private static final String THREE_SPHERE = """
            manifold S3 {
              coords psi, theta, phi in box([0.01, 0.01, -10], [3.13, 3.13, 10]);
              metric g = diag([1, sin(psi)^2, sin(psi)^2 * sin(theta)^2]);
            }
            """;

    /**
     * A conformal bump λ = 1 + exp(−|x|²/0.25): positive curvature at its top, so the straight
     * geodesic through it from (−2, 0) to (2, 0) (a geodesic by symmetry) has a conjugate point
     * (near x₁ = 0.4, by the Jacobi equation J'' + K J = 0), and the shortest paths go around it.
     */
    private static final String BUMP = """
            manifold Bump {
              coords x[2] in box([-3, -3], [3, 3]);
              metric g = (1 + exp(-dot(x, x) / 0.25))^2 * eye(2);
            }
            """;

    private static Model compile(String text) {
        SourceFile source = SourceFile.of("test.geo", text);
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load().only();
    }

    private static double greatCircle(double[] x, double[] y) {
        double c = Math.cos(x[0]) * Math.cos(y[0]) + Math.sin(x[0]) * Math.sin(y[0]) * Math.cos(x[1] - y[1]);
        return Math.acos(Math.max(-1, Math.min(1, c)));
    }

    /** The reproducers: the short arc through the periodic image, to 1e-9. */
    @Test
    void sphereReproducersGiveTheGreatCircleDistance() {
        Model m = model("sphere.geo");
        Distances ds = new Distances(m, GeodesicMethod.dopri5(1e-12, 1e-12), Shooting.Options.DEFAULT);
        double[][][] pairs = {
            {{1, 0}, {1, 4}},
            {{Math.PI / 2, 0}, {Math.PI / 2, 6}},
        };
        double[] expected = {1.7425404693816673, 2 * Math.PI - 6};
        for (int k = 0; k < pairs.length; k++) {
            Distances.Distance r = ds.distance(pairs[k][0], pairs[k][1], m.defaultParameters());
            assertTrue(r.converged(), r.log().toString());
            assertEquals(expected[k], r.value(), 1e-9);
            assertEquals(expected[k], greatCircle(pairs[k][0], pairs[k][1]), 1e-12);
        }
    }

    /** Without periodic φ only the long arcs reach the targets: they have conjugate points, so no distance. */
    @Test
    void longArcsInANonPeriodicChartAreNotMinimal() {
        Model m = compile(SPHERE_CHART);
        Distances ds = new Distances(m, GeodesicMethod.dopri5(1e-12, 1e-12), Shooting.Options.DEFAULT);
        double[][][] pairs = {
            {{1, 0}, {1, 4}},
            {{Math.PI / 2, 0}, {Math.PI / 2, 6}},
        };
        for (double[][] p : pairs) {
            Distances.Distance r = ds.distance(p[0], p[1], m.defaultParameters());
            assertEquals(LogStatus.NOT_MINIMAL, r.log().status(), r.log().toString());
            assertFalse(r.converged());
            assertTrue(Double.isNaN(r.value()));
        }
        // Before the check (Minimality.NONE) the long arc was reported as converged: 4.5406 and 6.
        Distances unchecked = new Distances(m, GeodesicMethod.dopri5(1e-12, 1e-12),
                Shooting.Options.DEFAULT.withMinimality(Minimality.NONE));
        assertEquals(6, unchecked.distance(pairs[1][0], pairs[1][1], m.defaultParameters()).value(), 1e-9);
    }

    /**
     * The straight geodesic over the bump is a saddle of the energy: the solver finds it first,
     * rejects it and finds a shorter one around the bump by path-energy minimisation.
     */
    @Test
    void aGeodesicWithAConjugatePointIsReplacedByAShorterOne() {
        Model m = compile(BUMP);
        double[] theta = m.defaultParameters();
        double[] x = {-2, 0};
        double[] y = {2, 0};
        GeodesicMethod accurate = GeodesicMethod.dopri5(1e-12, 1e-12);
        Distances unchecked = new Distances(m, accurate, Shooting.Options.DEFAULT.withMinimality(Minimality.NONE));
        // The straight line: length ∫ λ dx = 4 + (√π/2) erf(4), with erf(4) = 1 − 1.54e-8.
        double straight = 4 + Math.sqrt(Math.PI) / 2 * (1 - 1.5417257914762672e-8);
        assertEquals(straight, unchecked.distance(x, y, theta).value(), 1e-9);
        double[] v = new double[2];
        unchecked.log(x, y, theta, v);
        assertEquals(ConjugatePoints.Kind.CONJUGATE, new ConjugatePoints(m.acceleration()).check(x, v, theta, y).kind());

        Distances ds = new Distances(m, accurate, Shooting.Options.DEFAULT);
        Distances.Distance r = ds.distance(x, y, theta);
        assertTrue(r.converged(), r.log().toString());
        // Shorter than the straight line and than an explicit path around the bump (two segments
        // through (0, ±1.2)), longer than the Euclidean chord (λ ≥ 1).
        assertTrue(r.value() < aroundTheBump(m, theta) && r.value() > 4, r.value() + " " + aroundTheBump(m, theta));
        // The shortest polyline (scipy L-BFGS-B over 100, 200, 400 segments: 4.4261610, 4.4261469,
        // 4.4261425, Richardson-extrapolated 4.426141) bounds the error of the geodesic found.
        assertEquals(4.426141, r.value(), 5e-6);
        ds.log(x, y, theta, v);
        double[] mid = new double[2];
        new Geodesics(m.acceleration(), accurate).exp(x, new double[] {v[0] / 2, v[1] / 2}, theta, mid, null);
        assertTrue(Math.abs(mid[1]) > 0.2, "the geodesic goes around the bump: midpoint " + mid[1]);
        assertEquals(ConjugatePoints.Kind.NONE, new ConjugatePoints(m.acceleration()).check(x, v, theta, y).kind());
    }

    /** The length of the two segments (−2, 0) → (0, 1.2) → (2, 0) in the bump's metric (midpoint rule, 4000 pieces). */
    private static double aroundTheBump(Model m, double[] theta) {
        double length = 0;
        double[][] corners = {{-2, 0}, {0, 1.2}, {2, 0}};
        for (int s = 0; s < 2; s++) {
            double dx = corners[s + 1][0] - corners[s][0];
            double dy = corners[s + 1][1] - corners[s][1];
            int n = 2000;
            for (int k = 0; k < n; k++) {
                double t = (k + 0.5) / n;
                double px = corners[s][0] + t * dx;
                double py = corners[s][1] + t * dy;
                double[] v = {dx / n, dy / n};
                length += Math.sqrt(2 * m.metric().energy(new double[] {px, py}, v, theta));
            }
        }
        return length;
    }

    /** Along a geodesic of speed L on the unit 2-sphere the first conjugate point is at t* = π/L. */
    @Test
    void conjugatePointsOnTheSphereAtArcLengthPi() {
        Model m = model("sphere.geo");
        ConjugatePoints cp = new ConjugatePoints(m.acceleration());
        double[] theta = m.defaultParameters();
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 200; trial++) {
            double[] x = {0.6 + 1.9 * random.nextDouble(), 2 * Math.PI * random.nextDouble() - Math.PI};
            double angle = 2 * Math.PI * random.nextDouble();
            double speed = 0.5 + 5.5 * random.nextDouble();
            // A unit vector in the metric diag(1, sin²θ), scaled to speed L.
            double[] v = {speed * Math.cos(angle), speed * Math.sin(angle) / Math.sin(x[0])};
            if (!staysInChart(x, v)) {
                continue;
            }
            ConjugatePoints.Result r = cp.check(x, v, theta, end(m, x, v));
            double tStar = Math.PI / speed;
            if (tStar < 1 - STEP) {
                assertEquals(ConjugatePoints.Kind.CONJUGATE, r.kind(), "speed " + speed);
                assertTrue(r.t() >= tStar - 1e-9 && r.t() <= tStar + STEP + 1e-9, "t* " + tStar + ", found " + r.t());
            } else if (tStar > 1.01) {
                assertEquals(ConjugatePoints.Kind.NONE, r.kind(), "speed " + speed);
            }
        }
    }

    /** Multiplicity 2 on the 3-sphere, where det X(t) = sin²(Lt)·… keeps its sign; and none in hyperbolic space. */
    @Test
    void conjugatePointsOfHigherMultiplicityAndNoneInNegativeCurvature() {
        Model s3 = compile(THREE_SPHERE);
        ConjugatePoints cp = new ConjugatePoints(s3.acceleration());
        double[] x = {Math.PI / 2, Math.PI / 2, 0};
        for (double speed : new double[] {3.5, 4, 5, 6}) {
            // Along the equator ψ = θ = π/2 (a great circle): conjugate at t* = π/L, multiplicity 2.
            double[] v = {0, 0, speed};
            ConjugatePoints.Result r = cp.check(x, v, s3.defaultParameters(), end(s3, x, v));
            assertEquals(ConjugatePoints.Kind.CONJUGATE, r.kind());
            assertEquals(Math.PI / speed, r.t(), STEP + 1e-9);
            assertTrue(r.t() >= Math.PI / speed);
        }
        double[] slow = {0, 0, 3};
        assertEquals(ConjugatePoints.Kind.NONE, cp.check(x, slow, s3.defaultParameters(), end(s3, x, slow)).kind());
        Model poincare = model("poincare.geo");
        ConjugatePoints hyperbolic = new ConjugatePoints(poincare.acceleration());
        // A geodesic of hyperbolic length about 10 across the disc: Jacobi fields grow like sinh, never vanish.
        double[] from = {-0.99, 0.0};
        double[] along = {0.05, 0.01};
        ConjugatePoints.Result r = hyperbolic.check(from, along, poincare.defaultParameters(), end(poincare, from, along));
        assertEquals(ConjugatePoints.Kind.NONE, r.kind());
    }

    /**
     * Done-when criterion: 1,000 seeded random pairs on the sphere, half with Δφ ∈ (π, 2π); every
     * pair gives the great-circle distance to 1e-9 or a status other than CONVERGED, and almost all
     * converge. Pairs whose shortest arc passes within 0.15 of a pole are redrawn: there the chart
     * (θ, φ) is singular and the shooting, not the minimality check, takes seconds per pair.
     */
    @Test
    void thousandRandomSpherePairsNeverConvergeToALongerGeodesic() {
        Model m = model("sphere.geo");
        Distances ds = new Distances(m, GeodesicMethod.dopri5(1e-12, 1e-12), Shooting.Options.DEFAULT);
        SplittableRandom random = new SplittableRandom(2026);
        int converged = 0;
        int wide = 0;
        for (int k = 0; k < 1000; k++) {
            double[] x;
            double[] y;
            double dphi;
            do {
                x = new double[] {0.1 + 2.94 * random.nextDouble(), 2 * Math.PI * random.nextDouble() - Math.PI};
                dphi = (k % 2 == 0 ? Math.PI + Math.PI * random.nextDouble() : Math.PI * random.nextDouble())
                        * (random.nextBoolean() ? 1 : -1);
                y = new double[] {0.1 + 2.94 * random.nextDouble(), x[1] + dphi};
            } while (shortArcNearAPole(x, y, 0.15));
            wide += Math.abs(dphi) > Math.PI ? 1 : 0;
            Distances.Distance r = ds.distance(x, y, m.defaultParameters());
            if (r.converged()) {
                converged++;
                assertEquals(greatCircle(x, y), r.value(), 1e-9, "pair " + k);
            }
        }
        assertEquals(500, wide);
        assertTrue(converged >= 990, converged + " of 1000 converged");
    }

    /** Whether the shorter great-circle arc from x to y comes within {@code margin} of a pole. */
    private static boolean shortArcNearAPole(double[] x, double[] y, double margin) {
        double[] p = GeometryOracles.spherePoint(x[0], x[1]);
        double[] q = GeometryOracles.spherePoint(y[0], y[1]);
        double omega = Math.acos(Math.max(-1, Math.min(1, GeometryOracles.dot(p, q))));
        for (int i = 0; i <= 64; i++) {
            double t = i / 64.0;
            double a = Math.sin((1 - t) * omega) / Math.sin(omega);
            double b = Math.sin(t * omega) / Math.sin(omega);
            double z = a * p[2] + b * q[2];
            if (Math.abs(z) > Math.cos(margin)) {
                return true;
            }
        }
        return false;
    }

    /** exp_x(v), accurately. */
    private static double[] end(Model m, double[] x, double[] v) {
        double[] out = new double[x.length];
        new Geodesics(m.acceleration(), GeodesicMethod.dopri5(1e-12, 1e-12)).exp(x, v, m.defaultParameters(), out, null);
        return out;
    }

    /** Whether the great circle from x with velocity v stays away from the poles on [0, 1.2] (the chart's box). */
    private static boolean staysInChart(double[] x, double[] v) {
        for (int i = 0; i <= 120; i++) {
            double[] p = GeometryOracles.sphereGeodesic(x[0], x[1], v[0], v[1], i / 100.0);
            if (p[0] < 0.3 || p[0] > Math.PI - 0.3) {
                return false;
            }
        }
        return true;
    }
}
