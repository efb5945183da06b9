package geo.runtime.spline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplineActionTest {

    @Test
    void gradientsInFreeParametersEndsAndThetaMatchCentralDifferences() {
        SplittableRandom random = new SplittableRandom(21);
        SplineAction action = new SplineAction(TestLagrangians.mixed(), 5, 4);
        double[] x = {0.2, -0.3};
        double[] y = {1.1, 0.7};
        double[] theta = {1.5, 0.2, 0.8, 0.7, -0.4};
        double[] z = SplineBasisTest.gaussian(random, action.freeCount());
        action.setProblem(x, y, theta);
        double[] gz = new double[z.length];
        double[] gx = new double[2];
        double[] gy = new double[2];
        double[] gTheta = new double[5];
        action.evaluate(z, gz, gx, gy, gTheta);
        double h = 1e-6;
        for (int j = 0; j < z.length; j++) {
            double fd = difference(z, j, h, () -> action.valueAndGradient(z, new double[z.length]));
            assertEquals(fd, gz[j], 1e-7 * (1 + Math.abs(fd)), "∂S/∂z" + j);
        }
        double[] gzScratch = new double[z.length];
        for (int i = 0; i < 2; i++) {
            double fdx = difference(x, i, h, () -> {
                action.setProblem(x, y, theta);
                return action.valueAndGradient(z, gzScratch);
            });
            assertEquals(fdx, gx[i], 1e-7 * (1 + Math.abs(fdx)), "∂S/∂x" + i);
            double fdy = difference(y, i, h, () -> {
                action.setProblem(x, y, theta);
                return action.valueAndGradient(z, gzScratch);
            });
            assertEquals(fdy, gy[i], 1e-7 * (1 + Math.abs(fdy)), "∂S/∂y" + i);
        }
        for (int j = 0; j < theta.length; j++) {
            double fd = difference(theta, j, h, () -> {
                action.setProblem(x, y, theta);
                return action.valueAndGradient(z, gzScratch);
            });
            assertEquals(fd, gTheta[j], 1e-7 * (1 + Math.abs(fd)), "∂S/∂θ" + j);
        }
    }

    /** (F(a + h eⱼ) − F(a − h eⱼ)) / 2h, restoring a[j]. */
    static double difference(double[] a, int j, double h, java.util.function.DoubleSupplier f) {
        double saved = a[j];
        a[j] = saved + h;
        double plus = f.getAsDouble();
        a[j] = saved - h;
        double minus = f.getAsDouble();
        a[j] = saved;
        return (plus - minus) / (2 * h);
    }

    @Test
    void quadratureIsExactForPolynomialIntegrandsOfTheStatedDegree() {
        // Along a cubic path ½|γ'|² has degree 4 and θ₀γ₀γ₁ degree 6 on each segment: n = 4 nodes
        // (exact to degree 7) give the integral to rounding, n = 3 (exact to 5) do not.
        SplittableRandom random = new SplittableRandom(4);
        double[] x = {0.3, -1};
        double[] y = {2, 0.5};
        double[] theta = {2.5, 0.75};
        double[] z = SplineBasisTest.gaussian(random, 7 * 2);
        double reference = value(20, z, x, y, theta);
        assertEquals(reference, value(4, z, x, y, theta), 1e-13 * Math.abs(reference));
        assertEquals(reference, value(5, z, x, y, theta), 1e-13 * Math.abs(reference));
        assertTrue(Math.abs(reference - value(3, z, x, y, theta)) > 1e-10 * Math.abs(reference));
        double[] kinetic = {0, 0};
        double exact = value(20, z, x, y, kinetic);
        assertEquals(exact, value(3, z, x, y, kinetic), 1e-13 * exact);
    }

    private static double value(int nodes, double[] z, double[] x, double[] y, double[] theta) {
        SplineAction action = new SplineAction(TestLagrangians.polynomial(), 6, nodes);
        action.setProblem(x, y, theta);
        return action.valueAndGradient(z, new double[z.length]);
    }

    @Test
    void evaluationAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        SplineAction action = new SplineAction(TestLagrangians.mixed(), 8, 4);
        action.setProblem(new double[] {0, 0}, new double[] {1, 1}, new double[] {1, 0.1, 1, 0.5, 0.2});
        double[] z = SplineBasisTest.gaussian(new SplittableRandom(2), action.freeCount());
        double[] g = new double[z.length];
        double[] gx = new double[2];
        double[] gTheta = new double[5];
        for (int i = 0; i < 2000; i++) {
            action.evaluate(z, g, gx, gx, gTheta);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1000; i++) {
            action.evaluate(z, g, gx, gx, gTheta);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 1000, allocated + " bytes allocated by 1000 evaluations");
    }

    @Test
    void leavingTheDeclaredChartGivesInfinityNotAWrongValue() {
        SplineAction action = new SplineAction(TestLagrangians.poincare(), 4, 4);
        action.setProblem(new double[] {-0.5, 0}, new double[] {0.5, 0}, new double[0]);
        double[] z = SplinePath.straight(new double[] {-0.5, 0}, new double[] {0.5, 0}, 4).freeParameters();
        double[] g = new double[z.length];
        assertTrue(Double.isFinite(action.valueAndGradient(z, g)));
        z[1] = 1.5;
        assertEquals(Double.POSITIVE_INFINITY, action.valueAndGradient(z, g));
        assertTrue(Double.isNaN(g[0]));
    }
}
