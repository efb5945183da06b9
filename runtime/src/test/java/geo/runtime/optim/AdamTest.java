package geo.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdamTest {

    @Test
    void firstStepIsTheLearningRateTimesTheSignThanksToBiasCorrection() {
        // m̂ = g and v̂ = g² after one step, so Δx = −η g / (|g| + ε).
        Adam adam = new Adam(3, 0.01);
        double[] x = {1, 2, 3};
        assertTrue(adam.step(x, new double[] {4, -0.5, 1e-3}));
        assertEquals(1 - 0.01 * 4 / (4 + 1e-8), x[0], 1e-15);
        assertEquals(2 + 0.01 * 0.5 / (0.5 + 1e-8), x[1], 1e-15);
        assertEquals(3 - 0.01 * 1e-3 / (1e-3 + 1e-8), x[2], 1e-15);
        assertEquals(1, adam.steps());
    }

    @Test
    void secondStepMatchesTheFormulas() {
        double lr = 0.1;
        double b1 = 0.8;
        double b2 = 0.9;
        double eps = 1e-6;
        Adam adam = new Adam(1, lr, b1, b2, eps);
        double[] x = {0};
        adam.step(x, new double[] {2});
        adam.step(x, new double[] {-1});
        double m = b1 * (1 - b1) * 2 + (1 - b1) * -1;
        double v = b2 * (1 - b2) * 4 + (1 - b2) * 1;
        double mHat = m / (1 - b1 * b1);
        double vHat = v / (1 - b2 * b2);
        double expected = -lr * 2 / (2 + eps) - lr * mHat / (Math.sqrt(vHat) + eps);
        assertEquals(expected, x[0], 1e-15);
    }

    @Test
    void minimisesAQuadratic() {
        double[] x = {3, -2};
        Objective f = (p, g) -> {
            g[0] = 2 * (p[0] - 1);
            g[1] = 20 * (p[1] + 0.5);
            return (p[0] - 1) * (p[0] - 1) + 10 * (p[1] + 0.5) * (p[1] + 0.5);
        };
        OptimResult r = new Adam(2, 0.05).minimize(f, x, 20000, 1e-6);
        assertEquals(Status.CONVERGED, r.status(), r.message());
        assertEquals(1, x[0], 1e-6);
        assertEquals(-0.5, x[1], 1e-6);
    }

    @Test
    void nonFiniteGradientLeavesStateUntouchedAndIsReported() {
        Adam adam = new Adam(2, 0.1);
        double[] x = {1, 1};
        assertFalse(adam.step(x, new double[] {Double.NaN, 1}));
        assertEquals(0, adam.steps());
        assertEquals(1, x[1], 0);
        double[] y = {0.5};
        OptimResult r = new Adam(1, 0.1).minimize((p, g) -> {
            g[0] = -1;
            return p[0] > 1 ? Double.NaN : -p[0];
        }, y, 1000, 1e-9);
        assertEquals(Status.NON_FINITE, r.status());
        assertTrue(y[0] <= 1, "x is the last finite iterate: " + y[0]);
    }

    @Test
    void resetForgetsTheMoments() {
        Adam adam = new Adam(1, 0.01);
        double[] x = {0};
        adam.step(x, new double[] {1});
        adam.reset();
        double[] y = {0};
        adam.step(y, new double[] {-3});
        assertEquals(0.01 * 3 / (3 + 1e-8), y[0], 1e-15);
    }

    /** One caller, two methods: L-BFGS and Adam behind {@link Minimizer} find the minimum (1, −2) of a quadratic. */
    @Test
    void lbfgsAndAdamServeTheSameMinimizerInterface() {
        Objective f = (p, g) -> {
            g[0] = 2 * (p[0] - 1);
            g[1] = 8 * (p[1] + 2);
            return (p[0] - 1) * (p[0] - 1) + 4 * (p[1] + 2) * (p[1] + 2);
        };
        for (Minimizer m : new Minimizer[] {new Lbfgs(), new Adam(2, 0.05).minimizer(20000, 1e-6)}) {
            double[] x = {3, 3};
            OptimResult r = m.minimize(f, x);
            assertEquals(Status.CONVERGED, r.status(), r.message());
            assertEquals(1, x[0], 1e-6);
            assertEquals(-2, x[1], 1e-6);
        }
    }
}
