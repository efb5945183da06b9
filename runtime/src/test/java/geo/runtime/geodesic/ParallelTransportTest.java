package geo.runtime.geodesic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import geo.runtime.api.Domain;
import geo.runtime.api.MetricKernels;
import geo.runtime.ode.TestKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Transport is an isometry between tangent spaces, and a geodesic's velocity is parallel. */
class ParallelTransportTest {

    static double inner(MetricKernels metric, double[] x, double[] theta, double[] a, int ia, double[] b, int ib) {
        int d = x.length;
        double[] g = new double[d * d];
        metric.metric(x, theta, g);
        double s = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s += a[ia + i] * g[i * d + j] * b[ib + j];
            }
        }
        return s;
    }

    @Test
    void preservesInnerProductsOnAConformalBall() {
        int d = 3;
        TestKernels.ConformalBall ball = TestKernels.conformalBall(d);
        double[] theta = {0.4, -0.2, 0.3};
        SplittableRandom r = new SplittableRandom(5);
        for (GeodesicMethod m : new GeodesicMethod[] {GeodesicMethod.rk4(400), GeodesicMethod.dopri5(1e-10, 1e-12)}) {
            ParallelTransport transport = new ParallelTransport(ball, m, 3);
            for (int c = 0; c < 10; c++) {
                double[][] xv = GeodesicsTest.randomCase(r, d);
                double[] x = xv[0];
                double[] v = xv[1];
                double[] w = new double[3 * d];
                for (int i = 0; i < 2 * d; i++) {
                    w[i] = r.nextGaussian();
                }
                System.arraycopy(v, 0, w, 2 * d, d);
                double[] xEnd = new double[d];
                double[] vEnd = new double[d];
                double[] wEnd = new double[3 * d];
                transport.transport(x, v, theta, w, xEnd, vEnd, wEnd);
                for (int a = 0; a < 3; a++) {
                    for (int b = a; b < 3; b++) {
                        double before = inner(ball, x, theta, w, a * d, w, b * d);
                        double after = inner(ball, xEnd, theta, wEnd, a * d, wEnd, b * d);
                        double scale = Math.sqrt(inner(ball, x, theta, w, a * d, w, a * d)
                                * inner(ball, x, theta, w, b * d, w, b * d));
                        assertEquals(before, after, 1e-9 * scale, m + ": <w" + a + ", w" + b + ">");
                    }
                }
                // The velocity is transported into the end velocity.
                assertArrayEquals(vEnd, java.util.Arrays.copyOfRange(wEnd, 2 * d, 3 * d), 1e-9);
            }
        }
    }

    @Test
    void refusesNonMetricsAndBadShapes() {
        TestKernels.ConformalBall ball = TestKernels.conformalBall(2);
        assertThrows(IllegalArgumentException.class, () -> new ParallelTransport(ball, GeodesicMethod.rk4(10), 0));
        ParallelTransport t = new ParallelTransport(ball, GeodesicMethod.rk4(10), 1);
        assertThrows(IllegalArgumentException.class, () -> t.transport(new double[2], new double[2], new double[2],
                new double[4], null, null, new double[4]));
        assertEquals(Domain.ball(1), ball.descriptor().domain());
    }
}
