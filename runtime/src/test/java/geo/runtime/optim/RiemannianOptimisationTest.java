package geo.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.manifold.RiemannianSpace;
import geo.runtime.manifold.closed.Lorentz;
import geo.runtime.manifold.closed.PoincareBall;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Riemannian structure of the Poincaré ball and the hyperboloid against their distances, and
 * Riemannian Adam on a problem whose trajectory is known exactly.
 */
class RiemannianOptimisationTest {

    private static final RiemannianSpace[] SPACES = {new PoincareBall(3), new Lorentz(3)};
    private final Random random = new Random(5);

    /** A point: in the ball of radius 0.8 for the Poincaré ball, N(0, 1) coordinates for the hyperboloid. */
    private double[] point(RiemannianSpace s) {
        double[] x = new double[s.dimension()];
        for (int a = 0; a < x.length; a++) {
            x[a] = random.nextGaussian();
        }
        if (s instanceof PoincareBall) {
            double n = Math.sqrt(dot(x, x));
            double r = 0.8 * random.nextDouble();
            for (int a = 0; a < x.length; a++) {
                x[a] *= r / n;
            }
        }
        return x;
    }

    private double[] vector(int d, double scale) {
        double[] u = new double[d];
        for (int a = 0; a < d; a++) {
            u[a] = scale * random.nextGaussian();
        }
        return u;
    }

    private static double distance(RiemannianSpace s, double[] x, double[] y) {
        int d = x.length;
        return s.distance(0, x, y, new double[0], new double[d], new double[d], new double[0]).value();
    }

    /** The Riemannian length of u at x, √(uᵀ G(x) u), as d(x, exp_x(εu))/ε with ε = 1e-6. */
    private static double length(RiemannianSpace s, double[] x, double[] u) {
        double eps = 1e-6;
        double[] y = x.clone();
        double[] small = u.clone();
        for (int a = 0; a < small.length; a++) {
            small[a] *= eps;
        }
        s.exponential(y, small);
        return distance(s, x, y) / eps;
    }

    /**
     * d(x, exp_x(u)) = ‖u‖_x, the length of the geodesic, checked against the first-order length;
     * where the end could be beyond the Poincaré ball's projection radius (more than 11 from the
     * origin, by the triangle inequality) it is not checked.
     */
    @Test
    void theExponentialMapTravelsTheLengthOfItsVelocity() {
        for (RiemannianSpace s : SPACES) {
            for (int trial = 0; trial < 50; trial++) {
                double[] x = point(s);
                double[] u = vector(s.dimension(), 0.3);
                double norm = length(s, x, u);
                double fromOrigin = distance(s, new double[x.length], x);
                for (double t : new double[] {0.5, 1, 3}) {
                    if (fromOrigin + t * norm > 11) {
                        continue;
                    }
                    double[] y = x.clone();
                    double[] tu = u.clone();
                    for (int a = 0; a < tu.length; a++) {
                        tu[a] *= t;
                    }
                    s.exponential(y, tu);
                    assertEquals(t * norm, distance(s, x, y), 1e-6 * Math.max(1, t * norm), s.name() + " t = " + t);
                }
            }
        }
    }

    /** ‖grad d(·, z)‖ = 1: the distance function has unit Riemannian gradient, wherever x is. */
    @Test
    void theDistanceHasAUnitRiemannianGradient() {
        for (RiemannianSpace s : SPACES) {
            for (int trial = 0; trial < 50; trial++) {
                double[] x = point(s);
                double[] z = point(s);
                int d = x.length;
                double[] gx = new double[d];
                s.distance(0, x, z, new double[0], gx, new double[d], new double[0]);
                assertEquals(1, s.riemannianGradient(x, gx), 1e-10, s.name());
                // and it points away from z: a small step along it increases d by its length
                double[] y = x.clone();
                double[] step = gx.clone();
                for (int a = 0; a < d; a++) {
                    step[a] *= 1e-4;
                }
                s.exponential(y, step);
                assertEquals(distance(s, x, z) + 1e-4, distance(s, y, z), 1e-9, s.name());
            }
        }
    }

    /**
     * Transporting the initial velocity along the geodesic gives the velocity at its end (the
     * derivative of t ↦ exp_x(tu) at t = 1, by central differences), and transport keeps lengths.
     */
    @Test
    void transportCarriesTheGeodesicsVelocity() {
        for (RiemannianSpace s : SPACES) {
            for (int trial = 0; trial < 50; trial++) {
                double[] x = point(s);
                double[] u = vector(s.dimension(), 0.4);
                int d = x.length;
                double[] y = x.clone();
                s.exponential(y, u);
                double h = 1e-5;
                double[] plus = x.clone();
                double[] minus = x.clone();
                s.exponential(plus, scaled(u, 1 + h));
                s.exponential(minus, scaled(u, 1 - h));
                double[] w = u.clone();
                s.transport(x, y, w);
                for (int a = 0; a < d; a++) {
                    assertEquals((plus[a] - minus[a]) / (2 * h), w[a], 1e-6, s.name() + " component " + a);
                }
                double[] other = vector(d, 1);
                double before = length(s, x, other);
                s.transport(x, y, other);
                assertEquals(before, length(s, y, other), 1e-5 * before, s.name() + " length");
            }
        }
    }

    /**
     * Minimising E(x) = d(x, z): the Riemannian gradient has unit length and points along the
     * geodesic from z, so every step of Riemannian Adam moves exactly η towards z (m̂ = g and
     * v̂ = 1 from the first step on, the transported momentum is the next gradient): after k
     * steps d = d₀ − kη, however close to the boundary the start is.
     */
    @Test
    void riemannianAdamStepsTheLearningRateInDistance() {
        for (RiemannianSpace s : SPACES) {
            double[] z = s instanceof PoincareBall ? new double[] {0.1, -0.2, 0} : new double[] {0.5, 1, -1};
            double[] x = s instanceof PoincareBall ? new double[] {-0.99, 0, 0.05} : new double[] {-40, 3, 20};
            double start = distance(s, x, z);
            assertTrue(start > 5, "start " + start);
            RiemannianAdam adam = new RiemannianAdam(s, 1, 0.1);
            int d = x.length;
            double[] g = new double[d];
            for (int k = 1; k <= 30; k++) {
                s.distance(0, x, z, new double[0], g, new double[d], new double[0]);
                assertTrue(adam.step(x, g));
                assertEquals(start - 0.1 * k, distance(s, x, z), 1e-6, s.name() + " after step " + k);
            }
        }
    }

    @Test
    void aNonFiniteGradientLeavesThePointsAlone() {
        RiemannianSpace s = new PoincareBall(2);
        RiemannianAdam adam = new RiemannianAdam(s, 2, 0.1);
        double[] x = {0.1, 0.2, -0.3, 0.1};
        assertFalse(adam.step(x, new double[] {1, Double.NaN, 0, 0}));
        assertEquals(0.1, x[0]);
    }

    private static double[] scaled(double[] u, double f) {
        double[] out = u.clone();
        for (int a = 0; a < out.length; a++) {
            out[a] *= f;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
