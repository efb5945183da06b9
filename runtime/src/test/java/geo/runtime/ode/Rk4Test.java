package geo.runtime.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.AccelerationKernels;
import org.junit.jupiter.api.Test;

class Rk4Test {

    /** Error at t = 2 of x'' = −x, x(0) = 1, x'(0) = 0 (exact: cos t, −sin t). */
    private static double error(int steps) {
        AccelerationFlow flow = new AccelerationFlow(TestKernels.oscillator(1), new double[] {1});
        double[] y = {1, 0};
        new Rk4(flow).integrate(0, y, 2, steps);
        return Math.hypot(y[0] - Math.cos(2), y[1] + Math.sin(2));
    }

    @Test
    void convergesAtOrderFour() {
        double previous = error(10);
        for (int n = 20; n <= 160; n *= 2) {
            double e = error(n);
            double order = Math.log(previous / e) / Math.log(2);
            assertEquals(4, order, 0.1, "observed order at n = " + n);
            previous = e;
        }
        assertTrue(error(160) < 1e-9, "error with 160 steps " + error(160));
    }

    @Test
    void integratesBackwardsAndReportsEverySteps() {
        AccelerationFlow flow = new AccelerationFlow(TestKernels.oscillator(1), new double[] {4});
        double[] y = {1, 0};
        int[] calls = {0};
        double[] lastT = {Double.NaN};
        new Rk4(flow).integrate(0, y, 1, 500, (index, t, state) -> {
            calls[0]++;
            lastT[0] = t;
        });
        assertEquals(500, calls[0]);
        assertEquals(1.0, lastT[0]);
        new Rk4(flow).integrate(1, y, 0, 500);
        assertArrayEquals(new double[] {1, 0}, y, 1e-10);
    }

    @Test
    void secondOrderEngineAgreesWithTheFirstOrderIntegrator() {
        AccelerationKernels k = TestKernels.conformalBall(3);
        double[] theta = {0.3, -0.2, 0.1};
        double[] x = {0.1, 0.2, -0.3};
        double[] v = {0.5, -0.4, 0.2};
        double[] y = {x[0], x[1], x[2], v[0], v[1], v[2]};
        new Rk4(new AccelerationFlow(k, theta)).integrate(0, y, 1, 50);
        new AccelerationRungeKutta(k, Tableau.RK4).integrate(0, 1, 50, x, v, theta, null, null);
        for (int i = 0; i < 3; i++) {
            assertEquals(y[i], x[i], 1e-14);
            assertEquals(y[3 + i], v[i], 1e-14);
        }
    }

    @Test
    void writtenOutRk4StepEqualsTheGeneralTableauLoopBitForBit() {
        Tableau generic = new Tableau("RK4 as a general tableau", new double[] {0, 0.5, 0.5, 1},
                new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}}, new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6});
        AccelerationKernels k = TestKernels.conformalBall(3);
        double[] theta = {0.3, -0.2, 0.1};
        double[] x1 = {0.1, 0.2, -0.3};
        double[] v1 = {0.5, -0.4, 0.2};
        double[] x2 = x1.clone();
        double[] v2 = v1.clone();
        StageTape tape1 = new StageTape(4, 3);
        StageTape tape2 = new StageTape(4, 3);
        new AccelerationRungeKutta(k, Tableau.RK4).integrate(0, 1, 37, x1, v1, theta, tape1, null);
        new AccelerationRungeKutta(k, generic).integrate(0, 1, 37, x2, v2, theta, tape2, null);
        assertArrayEquals(x2, x1, 0.0);
        assertArrayEquals(v2, v1, 0.0);
        double[] xb1 = {1, 2, 3};
        double[] vb1 = {-1, 0.5, 2};
        double[] xb2 = xb1.clone();
        double[] vb2 = vb1.clone();
        double[] tb1 = new double[3];
        double[] tb2 = new double[3];
        new AccelerationRungeKutta(k, Tableau.RK4).adjoint(tape1, theta, xb1, vb1, tb1);
        new AccelerationRungeKutta(k, generic).adjoint(tape2, theta, xb2, vb2, tb2);
        assertArrayEquals(xb2, xb1, 0.0);
        assertArrayEquals(vb2, vb1, 0.0);
        assertArrayEquals(tb2, tb1, 0.0);
        assertEquals(37, tape1.steps());
    }
}
