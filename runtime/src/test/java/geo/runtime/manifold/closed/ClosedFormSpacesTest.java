package geo.runtime.manifold.closed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.PairDistance;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClosedFormSpacesTest {

    /** Relative accuracy of analytic gradients against the five-point difference. */
    private static final double FD_TOLERANCE = 1e-7;

    private final Random random = new Random(7);

    private double[] gaussian(int d, double scale) {
        double[] x = new double[d];
        for (int a = 0; a < d; a++) {
            x[a] = scale * random.nextGaussian();
        }
        return x;
    }

    private static double[] withNorm(double[] x, double norm) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        double f = norm / Math.sqrt(s);
        double[] out = x.clone();
        for (int a = 0; a < out.length; a++) {
            out[a] *= f;
        }
        return out;
    }

    private static double[] plus(double[] x, double[] dx) {
        double[] out = x.clone();
        for (int a = 0; a < out.length; a++) {
            out[a] += dx[a];
        }
        return out;
    }

    /**
     * Checks ∂d/∂x, ∂d/∂y and ∂d/∂θ of {@code space} at (x, y) by finite differences with steps
     * near 10⁻³ times the smaller of {@code scale} and ‖x − y‖ (the lengths over which the gradient
     * changes).
     */
    private static void checkGradients(EmbeddingSpace space, double[] x, double[] y, double scale) {
        int d = space.dimension();
        double[] theta = space.initialParameters();
        double[] gx = new double[d];
        double[] gy = new double[d];
        double[] gt = new double[space.parameterCount()];
        double value = space.distance(0, x, y, theta, gx, gy, gt).value();
        assertTrue(value > 0 && Double.isFinite(value), space.name() + ": d = " + value);
        double[] sx = new double[d];
        double[] sy = new double[d];
        double[] st = new double[gt.length];
        double h = FiniteDifferences.step(Math.min(scale, Math.sqrt(dot(plus(x, scaled(y, -1)), plus(x, scaled(y, -1))))));
        String at = space.name() + " at x=" + java.util.Arrays.toString(x) + " y=" + java.util.Arrays.toString(y);
        FiniteDifferences.check("∂d/∂x " + at, p -> space.distance(0, p, y, theta, sx, sy, st).value(), x.clone(), gx,
                h, FD_TOLERANCE, 0);
        FiniteDifferences.check("∂d/∂y " + at, p -> space.distance(0, x, p, theta, sx, sy, st).value(), y.clone(), gy,
                h, FD_TOLERANCE, 0);
        FiniteDifferences.check("∂d/∂θ " + at, p -> space.distance(0, x, y, p, sx, sy, st).value(), theta.clone(), gt,
                1e-4, FD_TOLERANCE, 0);
    }

    @Test
    void euclideanGradients() {
        for (int d : new int[] {1, 2, 5}) {
            EmbeddingSpace s = new Euclidean(d);
            for (int k = 0; k < 20; k++) {
                double[] x = gaussian(d, 1);
                checkGradients(s, x, gaussian(d, 1), 1);
                checkGradients(s, x, plus(x, gaussian(d, 1e-6)), 1e-6);
            }
        }
    }

    @Test
    void poincareGradientsInsideNearTheBoundaryAndBetweenNearbyPoints() {
        for (int d : new int[] {1, 2, 5}) {
            EmbeddingSpace s = new PoincareBall(d);
            for (int k = 0; k < 20; k++) {
                double[] x = withNorm(gaussian(d, 1), 0.9 * random.nextDouble());
                checkGradients(s, x, withNorm(gaussian(d, 1), 0.9 * random.nextDouble()), 0.1);
                checkGradients(s, x, plus(x, gaussian(d, 1e-6)), 1e-6);
                double[] edge = withNorm(gaussian(d, 1), 0.999);
                checkGradients(s, edge, withNorm(gaussian(d, 1), 0.998), 1e-3);
                checkGradients(s, edge, plus(edge, gaussian(d, 1e-7)), 1e-7);
            }
        }
    }

    @Test
    void lorentzGradientsNearAndFarFromTheOrigin() {
        for (int d : new int[] {1, 2, 5}) {
            EmbeddingSpace s = new Lorentz(d);
            for (int k = 0; k < 20; k++) {
                double[] x = gaussian(d, 1);
                checkGradients(s, x, gaussian(d, 1), 0.5);
                checkGradients(s, x, plus(x, gaussian(d, 1e-6)), 1e-6);
                double[] far = gaussian(d, 20);
                checkGradients(s, far, gaussian(d, 20), 1);
                checkGradients(s, far, plus(far, gaussian(d, 1e-4)), 1e-4);
            }
        }
    }

    @Test
    void sphereGradientsIncludingTheRadiusAtAcuteObtuseAndTinyAngles() {
        for (int d : new int[] {1, 2, 4}) {
            EmbeddingSpace s = new Sphere(d, 2.5);
            assertEquals(d + 1, s.dimension());
            for (int k = 0; k < 20; k++) {
                double[] x = withNorm(gaussian(d + 1, 1), 0.5 + random.nextDouble());
                checkGradients(s, x, gaussian(d + 1, 1), 0.1);
                // the angle of nearby directions is accurate to rounding of x/‖x‖ only (absolute ε), so
                // a finite difference at angles much below 10⁻⁴ would measure rounding, not the gradient
                checkGradients(s, x, plus(x, gaussian(d + 1, 1e-4)), 1e-4);
                double[] nearAntipode = plus(withNorm(x, -1.3), gaussian(d + 1, 1e-3));
                checkGradients(s, x, nearAntipode, 1e-3);
            }
        }
    }

    @Test
    void valuesAgreeWithTheTextbookFormulasAndTheModelsAgreeWithEachOther() {
        for (int k = 0; k < 50; k++) {
            double[] x = withNorm(gaussian(3, 1), 0.95 * random.nextDouble());
            double[] y = withNorm(gaussian(3, 1), 0.95 * random.nextDouble());
            double xx = dot(x, x);
            double yy = dot(y, y);
            double z = 1 + 2 * (xx + yy - 2 * dot(x, y)) / ((1 - xx) * (1 - yy));
            double poincare = distance(new PoincareBall(3), x, y);
            // the textbook form rounds z − 1 ≈ d²/2 to absolute ε, which is ≈ ε/d in d: allow for it
            assertEquals(Math.log(z + Math.sqrt(z * z - 1)), poincare, 1e-12 * poincare + 1e-15 / poincare);
            // the hyperboloid point (x₀, x) maps to the ball point x/(1 + x₀): the same distance
            double[] hx = hyperboloidSpatial(x);
            double[] hy = hyperboloidSpatial(y);
            assertEquals(poincare, distance(new Lorentz(3), hx, hy), 1e-11 * poincare);
            assertEquals(Math.sqrt(dot(plus(x, scaled(y, -1)), plus(x, scaled(y, -1)))),
                    distance(new Euclidean(3), x, y), 1e-15);
            double[] cross = {x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]};
            double angle = Math.atan2(Math.sqrt(dot(cross, cross)), dot(x, y));
            assertEquals(2.5 * angle, distance(new Sphere(2, 2.5), x, y), 1e-12);
        }
        assertEquals(0, distance(new Lorentz(2), new double[] {3, 4}, new double[] {3, 4}));
        assertEquals(0, distance(new PoincareBall(2), new double[] {0.3, 0.4}, new double[] {0.3, 0.4}));
    }

    @Test
    void nearbyPointsKeepTheirRelativeAccuracy() {
        // at separation ε the hyperbolic distance is ε·(metric factor); the naive arccosh(z) would lose all digits
        double[] x = {0.3, -0.2};
        double eps = 1e-9;
        double[] y = {0.3 + eps, -0.2};
        double expected = 2 * eps / (1 - dot(x, x));
        assertEquals(expected, distance(new PoincareBall(2), x, y), 1e-6 * expected);
        double[] lx = {2, 1};
        double[] ly = {2, 1 + eps};
        // the metric of the spatial chart: ds² = ‖dx‖² − (x·dx)²/(1 + ‖x‖²)
        double expectedL = eps * Math.sqrt(1 - 1.0 / 6);
        assertEquals(expectedL, distance(new Lorentz(2), lx, ly), 1e-6 * expectedL);
    }

    @Test
    void projectionKeepsPointsInTheirSpace() {
        double[] x = {3, 4};
        new PoincareBall(2).project(x);
        assertEquals(PoincareBall.MAX_NORM, Math.sqrt(dot(x, x)), 1e-15);
        double[] inside = {0.3, 0.4};
        new PoincareBall(2).project(inside);
        assertEquals(0.3, inside[0]);
        double[] s = {3, 0, 4};
        new Sphere(2).project(s);
        assertEquals(0.6, s[0], 1e-15);
        assertEquals(0.8, s[2], 1e-15);
        double[] outside = {0.8, 0.7};
        assertEquals(PairDistance.Status.UNDEFINED, outcome(new PoincareBall(2), outside, inside).status());
        assertEquals(PairDistance.Status.UNDEFINED, outcome(new Sphere(1), new double[] {1, 0}, new double[] {-2, 0}).status());
    }

    private static double[] hyperboloidSpatial(double[] ball) {
        // inverse of p = x/(1 + x₀): x = 2p/(1 − ‖p‖²)
        return scaled(ball, 2 / (1 - dot(ball, ball)));
    }

    private static double[] scaled(double[] x, double f) {
        double[] out = x.clone();
        for (int a = 0; a < out.length; a++) {
            out[a] *= f;
        }
        return out;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int a = 0; a < x.length; a++) {
            s += x[a] * y[a];
        }
        return s;
    }

    private static double distance(EmbeddingSpace s, double[] x, double[] y) {
        return outcome(s, x, y).value();
    }

    private static PairDistance outcome(EmbeddingSpace s, double[] x, double[] y) {
        int d = s.dimension();
        return s.distance(0, x, y, s.initialParameters(), new double[d], new double[d],
                new double[s.parameterCount()]);
    }
}
