package geo.runtime.geodesic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.ode.TestKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The discrete adjoint of exp against central finite differences of the very map it differentiates
 * ({@link ExpTape#evaluate}: the same method and step sequence). Tolerance: the largest deviation is at
 * most 1e-7 of the largest gradient component.
 */
class ExpTapeTest {

    static final double STEP = 1e-6;
    static final double TOLERANCE = 1e-7;

    /**
     * Checks x̄, v̄, θ̄ of F = ⟨x̄_end, x_end⟩ + ⟨v̄_end, v_end⟩ against central differences of F.
     *
     * @return the largest relative deviation found
     */
    static double check(Geodesics geodesics, double[] x, double[] v, double[] theta, long seed) {
        int d = x.length;
        SplittableRandom r = new SplittableRandom(seed);
        double[] xEndBar = new double[d];
        double[] vEndBar = new double[d];
        for (int i = 0; i < d; i++) {
            xEndBar[i] = r.nextGaussian();
            vEndBar[i] = r.nextGaussian();
        }
        ExpTape tape = geodesics.forward(x, v, theta);
        double[] xBar = new double[d];
        double[] vBar = new double[d];
        double[] thetaBar = new double[theta.length];
        tape.backward(xEndBar, vEndBar, xBar, vBar, thetaBar);
        double[] ad = new double[2 * d + theta.length];
        System.arraycopy(xBar, 0, ad, 0, d);
        System.arraycopy(vBar, 0, ad, d, d);
        System.arraycopy(thetaBar, 0, ad, 2 * d, theta.length);
        double[] fd = new double[ad.length];
        for (int i = 0; i < ad.length; i++) {
            double[][] inputs = {x.clone(), v.clone(), theta.clone()};
            double[] target = i < d ? inputs[0] : i < 2 * d ? inputs[1] : inputs[2];
            int j = i < d ? i : i < 2 * d ? i - d : i - 2 * d;
            double h = STEP * Math.max(1, Math.abs(target[j]));
            double base = target[j];
            target[j] = base + h;
            double plus = objective(tape, inputs, xEndBar, vEndBar);
            target[j] = base - h;
            double minus = objective(tape, inputs, xEndBar, vEndBar);
            fd[i] = (plus - minus) / (2 * h);
        }
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < ad.length; i++) {
            scale = Math.max(scale, Math.abs(ad[i]));
            worst = Math.max(worst, Math.abs(ad[i] - fd[i]));
        }
        assertTrue(scale > 0, "vanishing gradient");
        double relative = worst / scale;
        assertTrue(relative < TOLERANCE, "gradient deviates from finite differences by " + relative
                + " (relative); adjoint " + java.util.Arrays.toString(ad) + ", differences "
                + java.util.Arrays.toString(fd));
        return relative;
    }

    private static double objective(ExpTape tape, double[][] inputs, double[] xEndBar, double[] vEndBar) {
        int d = xEndBar.length;
        double[] xEnd = new double[d];
        double[] vEnd = new double[d];
        tape.evaluate(inputs[0], inputs[1], inputs[2], xEnd, vEnd);
        return Hyperbolic.dot(xEndBar, xEnd) + Hyperbolic.dot(vEndBar, vEnd);
    }

    @Test
    void rk4GradientsOfAConformalBallMatchFiniteDifferences() {
        Geodesics g = new Geodesics(TestKernels.conformalBall(3), GeodesicMethod.rk4(20));
        check(g, new double[] {0.2, -0.1, 0.3}, new double[] {0.4, 0.3, -0.2}, new double[] {0.5, -0.3, 0.2}, 1);
        check(g, new double[] {-0.6, 0.1, 0.2}, new double[] {0.1, 0.3, 0.1}, new double[] {0, 0, 0}, 2);
    }

    @Test
    void dopri5GradientsWithTheAcceptedStepsHeldFixedMatchFiniteDifferences() {
        Geodesics g = new Geodesics(TestKernels.conformalBall(3), GeodesicMethod.dopri5(1e-6, 1e-8));
        double[] x = {0.2, -0.1, 0.3};
        double[] v = {0.4, 0.3, -0.2};
        double[] theta = {0.5, -0.3, 0.2};
        check(g, x, v, theta, 3);
        assertTrue(g.forward(x, v, theta).steps() > 3);
    }

    @Test
    void oscillatorGradientMatchesTheClosedForm() {
        // x'' = −k x: x(1) = x₀ cos √k + v₀ sin √k / √k; RK4 with 200 steps is within 1e-10 of it.
        AccelerationKernels k = TestKernels.oscillator(1);
        Geodesics g = new Geodesics(k, GeodesicMethod.rk4(200));
        double[] theta = {2.0};
        double w = Math.sqrt(2.0);
        ExpTape tape = g.forward(new double[] {0.7}, new double[] {-0.3}, theta);
        double[] xBar = new double[1];
        double[] vBar = new double[1];
        double[] thetaBar = new double[1];
        tape.backward(new double[] {1}, null, xBar, vBar, thetaBar);
        assertEquals(Math.cos(w), xBar[0], 1e-10);
        assertEquals(Math.sin(w) / w, vBar[0], 1e-10);
        // d/dk of x₀ cos √k + v₀ sin √k / √k, with d√k/dk = 1/(2√k).
        double dw = 0.7 * -Math.sin(w) + -0.3 * (Math.cos(w) / w - Math.sin(w) / (w * w));
        assertEquals(dw / (2 * w), thetaBar[0], 1e-10);
        check(g, new double[] {0.7}, new double[] {-0.3}, theta, 4);
    }

    @Test
    void tapesReproduceExpExactly() {
        double[] x = {0.2, -0.1, 0.3};
        double[] v = {0.4, 0.3, -0.2};
        double[] theta = {0.5, -0.3, 0.2};
        for (GeodesicMethod m : new GeodesicMethod[] {GeodesicMethod.rk4(50), GeodesicMethod.dopri5(1e-9, 1e-11)}) {
            Geodesics g = new Geodesics(TestKernels.conformalBall(3), m);
            double[] xEnd = new double[3];
            double[] vEnd = new double[3];
            g.exp(x, v, theta, xEnd, vEnd);
            ExpTape tape = g.forward(x, v, theta);
            double[] tx = new double[3];
            double[] tv = new double[3];
            tape.endPoint(tx);
            tape.endVelocity(tv);
            // DOPRI5's accepted steps, replayed with the same coefficients, give the same bits.
            assertArrayEquals(xEnd, tx, 0.0, m.toString());
            assertArrayEquals(vEnd, tv, 0.0, m.toString());
            tape.evaluate(x, v, theta, tx, tv);
            assertArrayEquals(xEnd, tx, 0.0, m.toString());
        }
    }

    @Test
    void tapesAreReusableAndKeepTheirInputs() {
        Geodesics g = new Geodesics(TestKernels.conformalBall(2), GeodesicMethod.rk4(10));
        ExpTape tape = g.newTape();
        assertThrows(IllegalStateException.class, () -> tape.endPoint(new double[2]));
        double[] theta = {0.1, 0.2};
        double[] xBar = new double[2];
        double[] vBar = new double[2];
        double[] first = new double[2];
        g.forward(new double[] {0.1, 0.1}, new double[] {0.3, 0.1}, theta, tape);
        tape.backward(new double[] {1, 0}, null, xBar, vBar, first);
        // Changing θ in place after the forward pass does not change the gradient.
        theta[0] = 5;
        double[] again = new double[2];
        tape.backward(new double[] {1, 0}, null, xBar, vBar, again);
        assertArrayEquals(first, again, 0.0);
        tape.backward(new double[] {1, 0}, null, xBar, vBar, null);
        g.forward(new double[] {0.1, 0.1}, new double[] {0.3, 0.1}, new double[] {0.1, 0.2}, tape);
        tape.backward(new double[] {1, 0}, null, xBar, vBar, again);
        assertArrayEquals(first, again, 0.0);
        Geodesics other = new Geodesics(TestKernels.conformalBall(2), GeodesicMethod.rk4(10));
        assertThrows(IllegalArgumentException.class,
                () -> other.forward(new double[2], new double[2], new double[2], tape));
    }
}
