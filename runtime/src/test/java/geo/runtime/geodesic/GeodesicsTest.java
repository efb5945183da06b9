package geo.runtime.geodesic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.Domain;
import geo.runtime.ode.AccelerationFlow;
import geo.runtime.ode.CommonsMathAdapter;
import geo.runtime.ode.IntegrationException;
import geo.runtime.ode.TestKernels;
import java.util.SplittableRandom;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/** exp and paths of the hand-written Poincaré spray against the Möbius closed form. */
class GeodesicsTest {

    private static final GeodesicMethod[] METHODS = {GeodesicMethod.rk4(500), GeodesicMethod.dopri5(1e-10, 1e-12)};

    /** A point with |x| ≤ 0.8 and a velocity with ‖v‖_g ≤ 3. */
    static double[][] randomCase(SplittableRandom r, int d) {
        double[] x = direction(r, d, 0.8 * Math.pow(r.nextDouble(), 1.0 / d));
        double lambda = 2 / (1 - Hyperbolic.dot(x, x));
        double[] v = direction(r, d, 3 * r.nextDouble() / lambda);
        return new double[][] {x, v};
    }

    static double[] direction(SplittableRandom r, int d, double length) {
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = r.nextGaussian();
        }
        double n = Math.sqrt(Hyperbolic.dot(u, u));
        for (int i = 0; i < d; i++) {
            u[i] *= length / n;
        }
        return u;
    }

    @Test
    void expMatchesTheMobiusFormula() {
        for (int d : new int[] {2, 3}) {
            double[] theta = new double[d];
            for (GeodesicMethod m : METHODS) {
                Geodesics geodesics = new Geodesics(TestKernels.conformalBall(d), m);
                SplittableRandom r = new SplittableRandom(7);
                double[] xEnd = new double[d];
                double[] vEnd = new double[d];
                for (int c = 0; c < 100; c++) {
                    double[][] xv = randomCase(r, d);
                    geodesics.exp(xv[0], xv[1], theta, xEnd, vEnd);
                    assertArrayEquals(Hyperbolic.exp(xv[0], xv[1]), xEnd, 1e-9, m + ", d = " + d);
                    double speed = Math.sqrt(Hyperbolic.dot(xv[1], xv[1])) * 2 / (1 - Hyperbolic.dot(xv[0], xv[0]));
                    assertEquals(speed, Hyperbolic.distance(xv[0], xEnd), 1e-9);
                    double endSpeed = Math.sqrt(Hyperbolic.dot(vEnd, vEnd)) * 2 / (1 - Hyperbolic.dot(xEnd, xEnd));
                    assertEquals(speed, endSpeed, 1e-9 * Math.max(1, speed));
                }
            }
        }
    }

    @Test
    void pathsFollowTheGeodesicAndConserveItsSpeed() {
        int d = 2;
        int n = 11;
        double[] theta = new double[d];
        for (GeodesicMethod m : METHODS) {
            Geodesics geodesics = new Geodesics(TestKernels.conformalBall(d), m);
            SplittableRandom r = new SplittableRandom(11);
            double[] positions = new double[n * d];
            double[] velocities = new double[n * d];
            for (int c = 0; c < 20; c++) {
                double[][] xv = randomCase(r, d);
                geodesics.path(xv[0], xv[1], theta, n, positions, velocities);
                double speed = Math.sqrt(Hyperbolic.dot(xv[1], xv[1])) * 2 / (1 - Hyperbolic.dot(xv[0], xv[0]));
                for (int k = 0; k < n; k++) {
                    double t = (double) k / (n - 1);
                    double[] expected = Hyperbolic.exp(xv[0], new double[] {t * xv[1][0], t * xv[1][1]});
                    double[] p = {positions[k * d], positions[k * d + 1]};
                    double[] q = {velocities[k * d], velocities[k * d + 1]};
                    assertArrayEquals(k == 0 ? xv[0] : expected, p, 1e-9, m + " sample " + k);
                    double s = Math.sqrt(Hyperbolic.dot(q, q)) * 2 / (1 - Hyperbolic.dot(p, p));
                    assertEquals(speed, s, 1e-9 * Math.max(1, speed), m + " speed at sample " + k);
                }
            }
        }
    }

    @Test
    void rk4PathEndsExactlyWhereExpDoes() {
        Geodesics geodesics = new Geodesics(TestKernels.conformalBall(2), GeodesicMethod.rk4(100));
        double[] x = {0.3, -0.2};
        double[] v = {0.4, 0.5};
        double[] theta = {0, 0};
        double[] positions = new double[2 * 5];
        geodesics.path(x, v, theta, 5, positions, null);
        double[] xEnd = new double[2];
        geodesics.exp(x, v, theta, xEnd, null);
        assertArrayEquals(xEnd, new double[] {positions[8], positions[9]}, 0.0);
        assertArrayEquals(new double[] {0.3, -0.2}, x, 0.0, "inputs are not modified");
    }

    @Test
    void commonsMathIntegratorsComputeTheSameExp() {
        double[] theta = {0, 0};
        AccelerationFlow flow = new AccelerationFlow(TestKernels.conformalBall(2), theta);
        CommonsMathAdapter adapter = new CommonsMathAdapter(flow);
        DormandPrince853Integrator dp853 = new DormandPrince853Integrator(1e-12, 1, 1e-13, 1e-12);
        SplittableRandom r = new SplittableRandom(13);
        for (int c = 0; c < 20; c++) {
            double[][] xv = randomCase(r, 2);
            double[] y = {xv[0][0], xv[0][1], xv[1][0], xv[1][1]};
            adapter.integrate(dp853, 0, y, 1, 1_000_000, 1e10);
            assertArrayEquals(Hyperbolic.exp(xv[0], xv[1]), new double[] {y[0], y[1]}, 1e-9);
        }
    }

    @Test
    void failuresNameTheGeodesic() {
        Geodesics lines = new Geodesics(TestKernels.straightLines(2, Domain.ball(1)), GeodesicMethod.rk4(10));
        IntegrationException e = assertThrows(IntegrationException.class,
                () -> lines.exp(new double[] {0.55, 0}, new double[] {1, 0}, new double[0], new double[2], null));
        assertEquals(IntegrationException.Reason.LEFT_DOMAIN, e.reason());
        // The path crosses |x| = 1 at t = 0.45; RK4 notices at the end of that step.
        assertEquals(0.5, e.time(), 1e-12);
        assertEquals(5, e.steps());
        assertTrue(e.getMessage().contains("ball(1.0)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> lines.exp(new double[3], new double[2], new double[0], new double[2], null));
    }
}
