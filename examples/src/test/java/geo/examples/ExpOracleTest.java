package geo.examples;

import static geo.examples.GeometryOracles.angleDifference;
import static geo.examples.GeometryOracles.dot;
import static geo.examples.GeometryOracles.lambda;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.MetricKernels;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.load.Model;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * exp of compiled example models against the closed forms of architecture.md ("Test oracles"),
 * within 1e-9, with RK4 (1,000 steps) and DOPRI5 (rtol 1e-10, atol 1e-12); and conservation of
 * vᵀg(x)v along geodesics.
 */
class ExpOracleTest {

    private static final double TOLERANCE = 1e-9;
    private static final GeodesicMethod[] METHODS = {GeodesicMethod.rk4(1000), GeodesicMethod.dopri5(1e-10, 1e-12)};

    private static double[] gaussian(SplittableRandom r, int d, double length) {
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = r.nextGaussian();
        }
        double n = Math.sqrt(dot(u, u));
        for (int i = 0; i < d; i++) {
            u[i] *= length / n;
        }
        return u;
    }

    private static void poincare(String file, int d) {
        Model model = model(file, d);
        double[] theta = model.defaultParameters();
        for (GeodesicMethod m : METHODS) {
            Geodesics geodesics = new Geodesics(model.acceleration(), m);
            SplittableRandom r = new SplittableRandom(d);
            double[] xEnd = new double[d];
            double[] vEnd = new double[d];
            for (int c = 0; c < 40; c++) {
                double[] x = gaussian(r, d, 0.8 * Math.pow(r.nextDouble(), 1.0 / d));
                double speed = 0.05 + 3 * r.nextDouble();
                double[] v = gaussian(r, d, speed / lambda(x));
                geodesics.exp(x, v, theta, xEnd, vEnd);
                assertArrayEquals(GeometryOracles.poincareExp(x, v), xEnd, TOLERANCE, file + " " + m);
                assertEquals(speed, GeometryOracles.poincareDistance(x, xEnd), TOLERANCE, "d(x, exp_x(v)) = ‖v‖_g");
                assertEquals(speed, Math.sqrt(dot(vEnd, vEnd)) * lambda(xEnd), TOLERANCE * speed, "end speed");
            }
        }
    }

    private static Model model(String file, int d) {
        Model model = GeometryOracles.model(file);
        assertEquals(d, model.dimension());
        return model;
    }

    @Test
    void poincareBall2() {
        poincare("poincare.geo", 2);
    }

    @Test
    void poincareBall5() {
        poincare("poincare5.geo", 5);
    }

    @Test
    void sphereGeodesicsAreGreatCircles() {
        Model model = model("sphere.geo", 2);
        for (GeodesicMethod m : METHODS) {
            Geodesics geodesics = new Geodesics(model.acceleration(), m);
            SplittableRandom r = new SplittableRandom(3);
            double[] xEnd = new double[2];
            double[] vEnd = new double[2];
            int tested = 0;
            while (tested < 40) {
                double th = 0.4 + 2.3 * r.nextDouble();
                double ph = -3 + 6 * r.nextDouble();
                double[] v = gaussian(r, 2, 1);
                double speed = 0.1 + 2.5 * r.nextDouble();
                double scale = speed / Math.hypot(v[0], Math.sin(th) * v[1]);
                v[0] *= scale;
                v[1] *= scale;
                if (!awayFromThePoles(th, ph, v)) {
                    continue;
                }
                tested++;
                geodesics.exp(new double[] {th, ph}, v, new double[0], xEnd, vEnd);
                double[] expected = GeometryOracles.sphereGeodesic(th, ph, v[0], v[1], 1);
                assertEquals(expected[0], xEnd[0], TOLERANCE, m + " θ");
                assertEquals(0, angleDifference(xEnd[1], expected[1]), TOLERANCE, m + " φ");
                assertEquals(expected[2], vEnd[0], TOLERANCE, m + " θ'");
                assertEquals(expected[3], vEnd[1], TOLERANCE, m + " φ'");
            }
        }
    }

    /** True when the great circle stays where sin θ ≥ 0.3 for t in [0, 1] (the chart is singular at the poles). */
    private static boolean awayFromThePoles(double th, double ph, double[] v) {
        for (int k = 0; k <= 100; k++) {
            double[] p = GeometryOracles.sphereGeodesic(th, ph, v[0], v[1], k / 100.0);
            if (Math.sin(p[0]) < 0.3) {
                return false;
            }
        }
        return true;
    }

    @Test
    void polarGeodesicsAreStraightLines() {
        Model model = model("polar.geo", 2);
        for (GeodesicMethod m : METHODS) {
            Geodesics geodesics = new Geodesics(model.acceleration(), m);
            SplittableRandom r = new SplittableRandom(4);
            double[] xEnd = new double[2];
            double[] vEnd = new double[2];
            int tested = 0;
            while (tested < 40) {
                double rad = 0.5 + 2.5 * r.nextDouble();
                double th = -2 + 4 * r.nextDouble();
                double[] v = {3 * r.nextGaussian(), r.nextGaussian()};
                boolean clear = true;
                for (int k = 0; k <= 100; k++) {
                    clear &= GeometryOracles.polarLine(rad, th, v[0], v[1], k / 100.0)[0] > 0.3;
                }
                if (!clear) {
                    continue;
                }
                tested++;
                geodesics.exp(new double[] {rad, th}, v, new double[0], xEnd, vEnd);
                double[] expected = GeometryOracles.polarLine(rad, th, v[0], v[1], 1);
                assertEquals(expected[0], xEnd[0], TOLERANCE, m + " r");
                assertEquals(0, angleDifference(xEnd[1], expected[1]), TOLERANCE, m + " θ");
                assertEquals(expected[2], vEnd[0], TOLERANCE, m + " r'");
                assertEquals(expected[3], vEnd[1], TOLERANCE, m + " θ'");
            }
        }
    }

    @Test
    void constantSpdGeodesicsAreStraight() {
        Model model = model("spd.geo", 3);
        SplittableRandom r = new SplittableRandom(5);
        for (GeodesicMethod m : METHODS) {
            Geodesics geodesics = new Geodesics(model.acceleration(), m);
            double[] xEnd = new double[3];
            double[] vEnd = new double[3];
            for (int c = 0; c < 20; c++) {
                // The default A and random SPD matrices B Bᵀ + I.
                double[] theta = model.defaultParameters();
                if (c > 0) {
                    double[] b = gaussian(r, 9, 2);
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            double s = i == j ? 1 : 0;
                            for (int k = 0; k < 3; k++) {
                                s += b[3 * i + k] * b[3 * j + k];
                            }
                            theta[3 * i + j] = s;
                        }
                    }
                }
                double[] x = gaussian(r, 3, 5 * r.nextDouble());
                double[] v = gaussian(r, 3, 5 * r.nextDouble());
                geodesics.exp(x, v, theta, xEnd, vEnd);
                assertArrayEquals(new double[] {x[0] + v[0], x[1] + v[1], x[2] + v[2]}, xEnd, TOLERANCE);
                assertArrayEquals(v, vEnd, TOLERANCE);
            }
        }
    }

    @Test
    void kineticEnergyIsConservedAlongGeodesics() {
        String[] files = {"poincare.geo", "poincare5.geo", "sphere.geo", "polar.geo", "deep.geo"};
        double[][] starts = {{0.3, -0.4}, {0.1, 0.2, -0.3, 0.4, 0.1}, {1.2, 0.5}, {1.5, 0.3}, {0.3, -0.5}};
        double[][] velocities = {{0.4, 0.3}, {0.2, -0.1, 0.3, 0.1, -0.2}, {0.6, 0.9}, {-0.7, 0.8}, {0.6, 0.4}};
        int n = 21;
        for (int f = 0; f < files.length; f++) {
            Model model = GeometryOracles.model(files[f]);
            MetricKernels metric = model.metric();
            double[] theta = model.defaultParameters();
            int d = model.dimension();
            for (GeodesicMethod m : METHODS) {
                double[] positions = new double[n * d];
                double[] vs = new double[n * d];
                new Geodesics(model.acceleration(), m).path(starts[f], velocities[f], theta, n, positions, vs);
                double e0 = metric.energy(starts[f], velocities[f], theta);
                assertTrue(e0 > 0);
                for (int k = 1; k < n; k++) {
                    double[] x = java.util.Arrays.copyOfRange(positions, k * d, (k + 1) * d);
                    double[] v = java.util.Arrays.copyOfRange(vs, k * d, (k + 1) * d);
                    assertEquals(e0, metric.energy(x, v, theta), 1e-9 * e0, files[f] + " " + m + " at sample " + k);
                }
            }
        }
    }
}
