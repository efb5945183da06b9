package geo.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import geo.runtime.api.MetricKernels;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.ParallelTransport;
import geo.runtime.load.Model;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Parallel transport with compiled sprays (via the compiled JVP) preserves g-inner products
 * ⟨wᵢ, wⱼ⟩_g and ⟨w, γ'⟩_g, and transports γ'(0) into γ'(1): within 1e-9 relative, RK4 with 400
 * steps and DOPRI5 at rtol 1e-10.
 */
class TransportOracleTest {

    private static final GeodesicMethod[] METHODS = {GeodesicMethod.rk4(400), GeodesicMethod.dopri5(1e-10, 1e-12)};

    private static double inner(MetricKernels metric, double[] x, double[] theta, double[] a, int ia, double[] b,
                                int ib) {
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

    private static void check(String file, double[] x, double[] v) {
        Model model = GeometryOracles.model(file);
        MetricKernels metric = model.metric();
        double[] theta = model.defaultParameters();
        int d = x.length;
        SplittableRandom r = new SplittableRandom(d);
        double[] w = new double[3 * d];
        for (int i = 0; i < 2 * d; i++) {
            w[i] = r.nextGaussian();
        }
        System.arraycopy(v, 0, w, 2 * d, d);
        for (GeodesicMethod m : METHODS) {
            double[] xEnd = new double[d];
            double[] vEnd = new double[d];
            double[] wEnd = new double[3 * d];
            new ParallelTransport(model.acceleration(), m, 3).transport(x, v, theta, w, xEnd, vEnd, wEnd);
            for (int a = 0; a < 3; a++) {
                for (int b = a; b < 3; b++) {
                    double before = inner(metric, x, theta, w, a * d, w, b * d);
                    double after = inner(metric, xEnd, theta, wEnd, a * d, wEnd, b * d);
                    double scale = Math.sqrt(inner(metric, x, theta, w, a * d, w, a * d)
                            * inner(metric, x, theta, w, b * d, w, b * d));
                    assertEquals(before, after, 1e-9 * scale, file + " " + m + ": <w" + a + ", w" + b + ">_g");
                }
            }
            double speed = Math.sqrt(inner(metric, x, theta, v, 0, v, 0));
            assertArrayEquals(vEnd, Arrays.copyOfRange(wEnd, 2 * d, 3 * d), 1e-9 * Math.max(1, speed),
                    file + " " + m + ": γ' is parallel");
        }
    }

    @Test
    void sphere() {
        check("sphere.geo", new double[] {1.1, 0.4}, new double[] {0.7, -0.9});
    }

    @Test
    void poincareBall() {
        check("poincare.geo", new double[] {0.3, -0.5}, new double[] {0.2, 0.35});
        check("poincare5.geo", new double[] {0.1, 0.2, -0.3, 0.4, 0.1}, new double[] {0.2, -0.1, 0.3, 0.1, -0.2});
    }

    @Test
    void deepNetworkMetric() {
        check("deep.geo", new double[] {0.3, -0.5}, new double[] {0.6, 0.4});
    }

    @Test
    void polarPlane() {
        check("polar.geo", new double[] {1.5, 0.3}, new double[] {-0.7, 0.8});
    }
}
