package geo.examples;

import static geo.examples.GeometryOracles.dot;
import static geo.examples.GeometryOracles.model;
import static geo.examples.GeometryOracles.poincareDistance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.bvp.Batch;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.load.Model;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * log and dist against the closed forms of architecture.md ("Test oracles"), the identities exp_x(log_x(y)) = y and
 * d(x, exp_x(v)) = ‖v‖_g, the success rate of log on random Poincaré pairs, and the gradients of
 * dist and log against central finite differences.
 */
class LogDistanceOracleTest {

    /** DOPRI5 at rtol = atol = 1e-12: the integration error stays well below the 1e-9 of the oracles. */
    private static final GeodesicMethod ACCURATE = GeodesicMethod.dopri5(1e-12, 1e-12);
    private static final double ORACLE = 1e-9;

    private static Distances distances(String file, GeodesicMethod method) {
        return new Distances(model(file), method, Shooting.Options.DEFAULT);
    }

    private static double distance(Distances ds, Model m, double[] x, double[] y) {
        Distances.Distance r = ds.distance(x, y, m.defaultParameters());
        assertTrue(r.converged(), "log did not converge: " + r.log());
        return r.value();
    }

    @Test
    void poincareBallInTwoAndFiveDimensions() {
        for (String file : new String[] {"poincare.geo", "poincare5.geo"}) {
            Model m = model(file);
            Distances ds = distances(file, ACCURATE);
            SplittableRandom random = new SplittableRandom(3);
            int d = m.dimension();
            for (int trial = 0; trial < 20; trial++) {
                double[] x = ball(random, d, 0.8);
                double[] y = ball(random, d, 0.8);
                assertEquals(poincareDistance(x, y), distance(ds, m, x, y), ORACLE, file);
            }
        }
    }

    @Test
    void sphere() {
        Model m = model("sphere.geo");
        Distances ds = distances("sphere.geo", ACCURATE);
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            double[] x = {0.5 + 2 * random.nextDouble(), random.nextDouble() * 2 - 1};
            double[] y = {0.5 + 2 * random.nextDouble(), x[1] + random.nextDouble() * 2 - 1};
            double expected = Math.acos(Math.cos(x[0]) * Math.cos(y[0])
                    + Math.sin(x[0]) * Math.sin(y[0]) * Math.cos(x[1] - y[1]));
            assertEquals(expected, distance(ds, m, x, y), ORACLE);
        }
    }

    @Test
    void polarPlaneAndConstantSpd() {
        Model polar = model("polar.geo");
        Distances dp = distances("polar.geo", ACCURATE);
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 20; trial++) {
            double[] x = {0.5 + 2 * random.nextDouble(), random.nextDouble()};
            double[] y = {0.5 + 2 * random.nextDouble(), x[1] + random.nextDouble() * 2 - 1};
            double expected = Math.sqrt(x[0] * x[0] + y[0] * y[0] - 2 * x[0] * y[0] * Math.cos(x[1] - y[1]));
            assertEquals(expected, distance(dp, polar, x, y), ORACLE, "polar plane");
        }
        Model spd = model("spd.geo");
        Distances ds = distances("spd.geo", ACCURATE);
        double[] a = spd.defaultParameters();
        for (int trial = 0; trial < 20; trial++) {
            double[] x = ball(random, 3, 2);
            double[] y = ball(random, 3, 2);
            double q = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    q += (y[i] - x[i]) * a[i * 3 + j] * (y[j] - x[j]);
                }
            }
            assertEquals(Math.sqrt(q), distance(ds, spd, x, y), ORACLE, "constant SPD metric");
        }
    }

    /** exp_x(log_x(y)) = y and d(x, exp_x(v)) = ‖v‖_g(x). */
    @Test
    void identities() {
        Model m = model("poincare.geo");
        double[] theta = m.defaultParameters();
        Distances ds = distances("poincare.geo", ACCURATE);
        Geodesics geo = new Geodesics(m.acceleration(), ACCURATE);
        SplittableRandom random = new SplittableRandom(11);
        double[] v = new double[2];
        double[] end = new double[2];
        for (int trial = 0; trial < 20; trial++) {
            double[] x = ball(random, 2, 0.7);
            double[] y = ball(random, 2, 0.7);
            LogResult r = ds.log(x, y, theta, v);
            assertTrue(r.converged(), r.toString());
            geo.exp(x, v, theta, end, null);
            assertEquals(y[0], end[0], 1e-10);
            assertEquals(y[1], end[1], 1e-10);
            double[] w = {random.nextGaussian() * 0.3, random.nextGaussian() * 0.3};
            geo.exp(x, w, theta, end, null);
            double norm = Math.sqrt(2 * m.metric().energy(x, w, theta));
            assertEquals(norm, distance(ds, m, x, end), ORACLE);
            double[] mid = new double[2];
            assertTrue(ds.interpolate(x, y, 0.25, theta, mid).converged());
            assertEquals(0.25 * poincareDistance(x, y), poincareDistance(x, mid), ORACLE, "interp(x, y, 1/4)");
            assertEquals(0.75 * poincareDistance(x, y), poincareDistance(mid, y), ORACLE, "interp(x, y, 1/4)");
        }
    }

    /** At least 99.9% of 10,000 random pairs with d ≤ 3 converge, each to an endpoint error below 1e-9. */
    @Test
    void logSucceedsOnRandomPoincarePairs() {
        Model m = model("poincare.geo");
        SplittableRandom random = new SplittableRandom(2026);
        int n = 10_000;
        double[][] xs = new double[n][];
        double[][] ys = new double[n][];
        for (int k = 0; k < n; k++) {
            do {
                xs[k] = ball(random, 2, 0.95);
                ys[k] = ball(random, 2, 0.95);
            } while (poincareDistance(xs[k], ys[k]) > 3);
        }
        AtomicIntegerArray reported = new AtomicIntegerArray(n);
        Batch.Result result = Batch.distances(() -> new Distances(m, GeodesicMethod.rk4(100), Shooting.Options.DEFAULT),
                xs, ys, m.defaultParameters(), 2, reported::incrementAndGet);
        for (int k = 0; k < n; k++) {
            assertEquals(1, reported.get(k), "pair " + k + " must be reported finished exactly once");
        }
        int failures = result.failures();
        double worstResidual = 0;
        double worstError = 0;
        for (int k = 0; k < n; k++) {
            if (result.logs()[k].converged()) {
                worstResidual = Math.max(worstResidual, result.logs()[k].residual());
                worstError = Math.max(worstError, Math.abs(result.distances()[k] - poincareDistance(xs[k], ys[k])));
            } else {
                assertTrue(Double.isNaN(result.distances()[k]), "a failed log must not give a distance");
            }
        }
        System.out.println("log on 10,000 Poincaré pairs (d <= 3, RK4 x 100): " + failures + " failures, worst "
                + "endpoint residual " + worstResidual + ", worst distance error vs closed form " + worstError);
        assertTrue(failures <= n / 1000, failures + " of " + n + " logs failed");
        assertTrue(worstResidual < 1e-9, "worst endpoint residual " + worstResidual);
    }

    /** ∂d/∂x, ∂d/∂y, ∂d/∂θ and the log VJP against central differences of the computed maps. */
    @Test
    void gradientsAgreeWithFiniteDifferences() {
        GeodesicMethod method = GeodesicMethod.rk4(200);
        for (String file : new String[] {"sphere.geo", "poincare.geo", "deep.geo"}) {
            Model m = model(file);
            Distances ds = distances(file, method);
            double[] theta = m.defaultParameters();
            SplittableRandom random = new SplittableRandom(13);
            double[] x = file.equals("sphere.geo") ? new double[] {1.0, 0.2} : new double[] {0.1, -0.2};
            double[] y = file.equals("sphere.geo") ? new double[] {1.6, 1.1} : new double[] {-0.3, 0.35};
            double[] gx = new double[2];
            double[] gy = new double[2];
            double[] gTheta = new double[theta.length];
            assertTrue(ds.distanceGradient(x, y, theta, gx, gy, gTheta).converged());
            double h = 1e-5;
            for (int i = 0; i < 2; i++) {
                assertClose(central(ds, m, x, y, theta, 'x', i, h), gx[i], file + " dd/dx" + i);
                assertClose(central(ds, m, x, y, theta, 'y', i, h), gy[i], file + " dd/dy" + i);
            }
            if (theta.length > 0) {
                double[] dir = new double[theta.length];
                for (int k = 0; k < dir.length; k++) {
                    dir[k] = random.nextGaussian();
                }
                double plus = distance(ds, m, x, y, axpy(theta, h, dir));
                double minus = distance(ds, m, x, y, axpy(theta, -h, dir));
                assertClose((plus - minus) / (2 * h), dot(gTheta, dir), file + " dd/dtheta along a random direction");
            }
            double[] v = new double[2];
            assertTrue(ds.log(x, y, theta, v).converged());
            double[] vBar = {random.nextGaussian(), random.nextGaussian()};
            double[] xBar = new double[2];
            double[] yBar = new double[2];
            double[] thetaBar = new double[theta.length];
            ds.logBackward(vBar, xBar, yBar, thetaBar);
            if (theta.length > 0) {
                double[] dir = new double[theta.length];
                for (int k = 0; k < dir.length; k++) {
                    dir[k] = random.nextGaussian();
                }
                double fd = (dot(vBar, log(ds, x, y, axpy(theta, h, dir)))
                        - dot(vBar, log(ds, x, y, axpy(theta, -h, dir)))) / (2 * h);
                assertClose(fd, dot(thetaBar, dir), file + " log VJP in theta along a random direction");
            }
            for (int i = 0; i < 2; i++) {
                double[] yp = y.clone();
                double[] ym = y.clone();
                yp[i] += h;
                ym[i] -= h;
                double fd = (dot(vBar, log(ds, x, yp, theta)) - dot(vBar, log(ds, x, ym, theta))) / (2 * h);
                assertClose(fd, yBar[i], file + " log VJP in y" + i);
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[i] += h;
                xm[i] -= h;
                fd = (dot(vBar, log(ds, xp, y, theta)) - dot(vBar, log(ds, xm, y, theta))) / (2 * h);
                assertClose(fd, xBar[i], file + " log VJP in x" + i);
            }
        }
    }

    /** Central differences at h = 1e-5 of maps solved to 1e-11: agreement to 1e-6 of max(1, |value|). */
    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
    }

    private static double central(Distances ds, Model m, double[] x, double[] y, double[] theta, char which, int i,
                                  double h) {
        double[] a = (which == 'x' ? x : y).clone();
        double[] b = a.clone();
        a[i] += h;
        b[i] -= h;
        double plus = which == 'x' ? distance(ds, m, a, y, theta) : distance(ds, m, x, a, theta);
        double minus = which == 'x' ? distance(ds, m, b, y, theta) : distance(ds, m, x, b, theta);
        return (plus - minus) / (2 * h);
    }

    private static double distance(Distances ds, Model m, double[] x, double[] y, double[] theta) {
        Distances.Distance r = ds.distance(x, y, theta);
        assertTrue(r.converged(), r.log().toString());
        return r.value();
    }

    private static double[] log(Distances ds, double[] x, double[] y, double[] theta) {
        double[] v = new double[2];
        assertTrue(ds.log(x, y, theta, v).converged());
        return v;
    }

    private static double[] axpy(double[] a, double h, double[] d) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += h * d[i];
        }
        return out;
    }

    /** A point drawn uniformly from the ball of the given radius. */
    private static double[] ball(SplittableRandom random, int d, double radius) {
        double[] x = new double[d];
        double n = 0;
        for (int i = 0; i < d; i++) {
            x[i] = random.nextGaussian();
            n += x[i] * x[i];
        }
        double r = radius * Math.pow(random.nextDouble(), 1.0 / d) / Math.sqrt(n);
        for (int i = 0; i < d; i++) {
            x[i] *= r;
        }
        return x;
    }
}
