package geo.runtime.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DormandPrince54Test {

    private static final double T = 10;

    private static DormandPrince54 oscillator(AdaptiveOptions options) {
        return new DormandPrince54(new AccelerationFlow(TestKernels.oscillator(1), new double[] {1}), options);
    }

    /** Global error at t = 10 of x'' = −x, x(0) = 1, x'(0) = 0. */
    private static double error(DormandPrince54 dp) {
        double[] y = {1, 0};
        dp.integrate(0, y, T);
        return Math.hypot(y[0] - Math.cos(T), y[1] + Math.sin(T));
    }

    @Test
    void errorFollowsTheTolerance() {
        for (double tol = 1e-4; tol >= 1e-12; tol /= 100) {
            double e = error(oscillator(AdaptiveOptions.of(tol, tol)));
            // Local errors of size tol, accumulated over ~ten oscillation-scale units.
            assertTrue(e < 50 * tol, "tol " + tol + ": error " + e);
        }
        assertTrue(error(oscillator(AdaptiveOptions.of(1e-10, 1e-12))) < 1e-8);
    }

    @Test
    void stepCountScalesLikeTheFifthRootOfTheTolerance() {
        DormandPrince54 coarse = oscillator(AdaptiveOptions.of(1e-5, 1e-5));
        DormandPrince54 fine = oscillator(AdaptiveOptions.of(1e-10, 1e-10));
        error(coarse);
        error(fine);
        double ratio = (double) fine.acceptedSteps() / coarse.acceptedSteps();
        // h ∝ tol^(1/5): a 10⁵ smaller tolerance takes ~10× the steps.
        assertTrue(ratio > 6 && ratio < 16, "step ratio " + ratio + " (" + coarse.acceptedSteps() + " vs "
                + fine.acceptedSteps() + ")");
        assertTrue(fine.evaluations() <= 6 * (fine.acceptedSteps() + fine.rejectedSteps()) + 2);
    }

    @Test
    void respectsTheStepLimits() {
        DormandPrince54 dp = oscillator(AdaptiveOptions.of(1e-3, 1e-3).withStepLimits(0, 0.05));
        double[] y = {1, 0};
        double[] largest = {0};
        dp.integrate(0, y, T, (tPrevious, t, state, dense) -> largest[0] = Math.max(largest[0], t - tPrevious));
        assertTrue(largest[0] <= 0.05 + 1e-15, "largest step " + largest[0]);
        assertTrue(dp.acceptedSteps() >= 200);
    }

    @Test
    void denseOutputMatchesTheSolutionBetweenSteps() {
        DormandPrince54 dp = oscillator(AdaptiveOptions.of(1e-10, 1e-12));
        int n = 1001;
        double[] times = new double[n];
        for (int k = 0; k < n; k++) {
            times[k] = T * k / (n - 1);
        }
        double[] samples = new double[2 * n];
        double[] y = {1, 0};
        dp.integrate(0, y, T, times, samples);
        double worst = 0;
        for (int k = 0; k < n; k++) {
            worst = Math.max(worst, Math.abs(samples[2 * k] - Math.cos(times[k])));
            worst = Math.max(worst, Math.abs(samples[2 * k + 1] + Math.sin(times[k])));
        }
        assertTrue(worst < 1e-8, "dense output error " + worst);
        // More samples than steps: most samples are interpolated, not mesh points.
        assertTrue(dp.acceptedSteps() < n / 2);
        assertEquals(y[0], samples[2 * (n - 1)]);
    }

    @Test
    void denseOutputIsFourthOrderWithinAStep() {
        // One step of size h from a fixed state, sampled at its midpoint: error O(h⁵).
        double previous = Double.NaN;
        for (double h = 0.4; h >= 0.05; h /= 2) {
            DormandPrince54 dp = oscillator(AdaptiveOptions.of(1, 1).withInitialStep(h).withStepLimits(0, h));
            double[] mid = new double[2];
            double[] y = {1, 0};
            double hh = h;
            dp.integrate(0, y, h, (tPrevious, t, state, dense) -> dense.interpolate(0.5 * hh, mid));
            double e = Math.abs(mid[0] - Math.cos(0.5 * h));
            if (!Double.isNaN(previous)) {
                double order = Math.log(previous / e) / Math.log(2);
                assertTrue(order > 4.5, "local order of the dense output " + order);
            }
            previous = e;
        }
    }

    @Test
    void integratesBackwards() {
        DormandPrince54 dp = oscillator(AdaptiveOptions.of(1e-11, 1e-12));
        double[] y = {1, 0};
        dp.integrate(0, y, T);
        dp.integrate(T, y, 0);
        assertArrayEquals(new double[] {1, 0}, y, 1e-8);
        assertThrows(IllegalArgumentException.class, () -> dp.interpolate(5, new double[2]));
    }
}
