package geo.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.geodesic.ExpTape;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.load.Model;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Gradients of exp (x̄, v̄ and θ̄, from the discrete adjoint with the compiled VJP) against central
 * finite differences of the same discrete map ({@link ExpTape#evaluate}: same method, same steps),
 * for compiled models. Tolerance: max |adjoint − difference| ≤ 1e-7 · max |adjoint| (observed ≤ 4e-10),
 * with relative difference steps 1e-6 (truncation ~1e-12, rounding ~1e-10 relative).
 */
class ExpGradientOracleTest {

    private static final double TOLERANCE = 1e-7;
    private static final double STEP = 1e-6;
    private static final GeodesicMethod[] METHODS = {GeodesicMethod.rk4(40), GeodesicMethod.dopri5(1e-7, 1e-9)};

    /**
     * Checks the gradient of F = ⟨x̄_end, exp_x(v)⟩ + ⟨v̄_end, γ'(1)⟩ in x, v and the θ components
     * listed (all when {@code thetaIndices} is null).
     */
    private static void check(Model model, double[] x, double[] v, double[] theta, int[] thetaIndices, long seed) {
        int d = x.length;
        SplittableRandom r = new SplittableRandom(seed);
        double[] xEndBar = new double[d];
        double[] vEndBar = new double[d];
        for (int i = 0; i < d; i++) {
            xEndBar[i] = r.nextGaussian();
            vEndBar[i] = r.nextGaussian();
        }
        int[] thetas = thetaIndices != null ? thetaIndices : java.util.stream.IntStream.range(0, theta.length).toArray();
        for (GeodesicMethod m : METHODS) {
            Geodesics geodesics = new Geodesics(model.acceleration(), m);
            ExpTape tape = geodesics.forward(x, v, theta);
            double[] xBar = new double[d];
            double[] vBar = new double[d];
            double[] thetaBar = new double[theta.length];
            tape.backward(xEndBar, vEndBar, xBar, vBar, thetaBar);
            int n = 2 * d + thetas.length;
            double[] ad = new double[n];
            double[] fd = new double[n];
            for (int i = 0; i < n; i++) {
                double[][] in = {x.clone(), v.clone(), theta.clone()};
                double[] target;
                int j;
                if (i < d) {
                    target = in[0];
                    j = i;
                    ad[i] = xBar[j];
                } else if (i < 2 * d) {
                    target = in[1];
                    j = i - d;
                    ad[i] = vBar[j];
                } else {
                    target = in[2];
                    j = thetas[i - 2 * d];
                    ad[i] = thetaBar[j];
                }
                double base = target[j];
                double h = STEP * Math.max(1, Math.abs(base));
                target[j] = base + h;
                double plus = objective(tape, in, xEndBar, vEndBar);
                target[j] = base - h;
                double minus = objective(tape, in, xEndBar, vEndBar);
                fd[i] = (plus - minus) / (2 * h);
            }
            double scale = 0;
            double worst = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(ad[i]));
                worst = Math.max(worst, Math.abs(ad[i] - fd[i]));
            }
            assertTrue(scale > 0);
            assertTrue(worst <= TOLERANCE * scale, model.name() + " " + m + ": deviation " + worst / scale
                    + "\nadjoint     " + Arrays.toString(ad) + "\ndifferences " + Arrays.toString(fd));
        }
    }

    private static double objective(ExpTape tape, double[][] in, double[] xEndBar, double[] vEndBar) {
        int d = xEndBar.length;
        double[] xEnd = new double[d];
        double[] vEnd = new double[d];
        tape.evaluate(in[0], in[1], in[2], xEnd, vEnd);
        return GeometryOracles.dot(xEndBar, xEnd) + GeometryOracles.dot(vEndBar, vEnd);
    }

    @Test
    void sphere() {
        Model m = GeometryOracles.model("sphere.geo");
        check(m, new double[] {1.1, 0.4}, new double[] {0.7, -0.9}, new double[0], null, 1);
        check(m, new double[] {2.0, -1.5}, new double[] {-0.4, 1.3}, new double[0], null, 2);
    }

    @Test
    void poincareBall() {
        check(GeometryOracles.model("poincare.geo"), new double[] {0.3, -0.5}, new double[] {0.2, 0.35},
                new double[0], null, 3);
        check(GeometryOracles.model("poincare5.geo"), new double[] {0.1, 0.2, -0.3, 0.4, 0.1},
                new double[] {0.2, -0.1, 0.3, 0.1, -0.2}, new double[0], null, 4);
    }

    @Test
    void deepNetworkMetricIncludingEveryParameter() {
        Model m = GeometryOracles.model("deep.geo");
        double[] theta = m.defaultParameters();
        SplittableRandom r = new SplittableRandom(5);
        // b1 and b2 start at 0; move every parameter off its initial value so no gradient is trivially 0.
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 0.05 * r.nextGaussian();
        }
        check(m, new double[] {0.3, -0.5}, new double[] {0.6, 0.4}, theta, null, 6);
    }

    @Test
    void spdMetricParametersHaveNoEffect() {
        // A constant metric has a zero spray whatever A is: θ̄ = 0 and x̄ = x̄_end, v̄ = x̄_end + v̄_end.
        Model m = GeometryOracles.model("spd.geo");
        double[] theta = m.defaultParameters();
        ExpTape tape = new Geodesics(m.acceleration(), GeodesicMethod.rk4(10)).forward(new double[] {1, 2, 3},
                new double[] {0.5, -0.5, 0.25}, theta);
        double[] xBar = new double[3];
        double[] vBar = new double[3];
        double[] thetaBar = new double[theta.length];
        tape.backward(new double[] {1, 2, 3}, new double[] {4, 5, 6}, xBar, vBar, thetaBar);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 2, 3}, xBar, 1e-14);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {5, 7, 9}, vBar, 1e-14);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[9], thetaBar, 0.0);
    }
}
