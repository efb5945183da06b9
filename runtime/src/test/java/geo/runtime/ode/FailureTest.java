package geo.runtime.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.Domain;
import java.util.Arrays;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;
import org.junit.jupiter.api.Test;

/** Every way an integration can fail stops it with an exception that says what, when, where and after how much. */
class FailureTest {

    private static final double[] NO_THETA = {};

    /** a = 0 before t = 0.5 and NaN from then on. */
    private static final AccelerationKernels NAN_AFTER_HALF = TestKernels.fromFunction(1, Domain.NONE,
            (t, x, v, a) -> a[0] = t < 0.5 ? 0 : Double.NaN);

    /** x'' = 2x³ with x(0) = 1, x'(0) = 1 has the solution x = 1/(1 − t), which blows up at t = 1. */
    private static final AccelerationKernels BLOWS_UP_AT_ONE = TestKernels.fromFunction(1, Domain.NONE,
            (t, x, v, a) -> a[0] = 2 * x[0] * x[0] * x[0]);

    private static OdeSystem flow(AccelerationKernels k) {
        return new AccelerationFlow(k, NO_THETA);
    }

    private static void assertMessage(IntegrationException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message lacks '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void nanStopsRk4AtTheStepWhereItAppears() {
        IntegrationException e = assertThrows(IntegrationException.class,
                () -> new Rk4(flow(NAN_AFTER_HALF)).integrate(0, new double[] {0, 1}, 1, 10));
        assertEquals(IntegrationException.Reason.NOT_FINITE, e.reason());
        // The last stage of step 5 (from 0.4 to 0.5) evaluates a at t = 0.5 and meets the NaN.
        assertEquals(0.5, e.time(), 1e-12);
        assertEquals(5, e.steps());
        assertTrue(Double.isNaN(e.state()[1]));
        assertMessage(e, "not finite", "at t = 0.500000000", "after 5 steps", "state = [");
    }

    @Test
    void nanStopsDopri5AfterShrinkingTheStep() {
        DormandPrince54 dp = new DormandPrince54(flow(NAN_AFTER_HALF), AdaptiveOptions.of(1e-8, 1e-8));
        IntegrationException e = assertThrows(IntegrationException.class,
                () -> dp.integrate(0, new double[] {0, 1}, 1));
        assertEquals(IntegrationException.Reason.NOT_FINITE, e.reason());
        assertTrue(e.time() <= 0.5 && e.time() > 0.5 - 1e-9, "stopped at " + e.time());
        assertMessage(e, "not finite", "even with step size");
        IntegrationException first = assertThrows(IntegrationException.class,
                () -> dp.integrate(0.7, new double[] {0, 1}, 1));
        assertEquals(0.7, first.time());
        assertEquals(0, first.steps());
        assertMessage(first, "derivative at the initial state");
    }

    @Test
    void blowUpIsReported() {
        DormandPrince54 dp = new DormandPrince54(flow(BLOWS_UP_AT_ONE), AdaptiveOptions.of(1e-8, 1e-8));
        IntegrationException e = assertThrows(IntegrationException.class, () -> dp.integrate(0, new double[] {1, 1}, 2));
        assertEquals(IntegrationException.Reason.BLOW_UP, e.reason());
        // v = 1/(1 − t)² passes 1e10 at t = 1 − 1e-5.
        assertTrue(e.time() < 1 - 1e-6 && e.time() > 1 - 1e-4, "blew up at " + e.time());
        assertTrue(Math.abs(e.state()[1]) > 1e10);
        assertMessage(e, "blew up", "> 1.00000000e+10");

        IntegrationException r = assertThrows(IntegrationException.class,
                () -> new Rk4(flow(BLOWS_UP_AT_ONE), 100).integrate(0, new double[] {1, 1}, 2, 1000));
        assertEquals(IntegrationException.Reason.BLOW_UP, r.reason());
        // v passes 100 at t = 0.9; the step size is 0.002.
        assertEquals(0.9, r.time(), 0.0021, "RK4 blew up at " + r.time());
    }

    @Test
    void leavingTheBallIsReportedWithTheCrossingTime() {
        // Straight lines from the centre with speed 2 cross the unit sphere at t = 0.5.
        OdeSystem lines = flow(TestKernels.straightLines(2, Domain.ball(1)));
        IntegrationException r = assertThrows(IntegrationException.class,
                () -> new Rk4(lines).integrate(0, new double[] {0, 0, 2, 0}, 1, 100));
        assertEquals(IntegrationException.Reason.LEFT_DOMAIN, r.reason());
        assertEquals(0.5, r.time(), 1e-12);
        assertEquals(50, r.steps());
        assertMessage(r, "left the domain", "x must stay in ball(1.0)", "at t = 0.500000000");

        DormandPrince54 dp = new DormandPrince54(lines, AdaptiveOptions.of(1e-8, 1e-8));
        IntegrationException e = assertThrows(IntegrationException.class,
                () -> dp.integrate(0, new double[] {0, 0, 2, 0}, 1));
        assertEquals(IntegrationException.Reason.LEFT_DOMAIN, e.reason());
        assertEquals(0.5, e.time(), 1e-12);
        assertEquals(1, e.state()[0], 1e-12);
        assertMessage(e, "left the domain", "located by dense output");

        IntegrationException outside = assertThrows(IntegrationException.class,
                () -> new Rk4(lines).integrate(0, new double[] {1.5, 0, 0, 0}, 1, 10));
        assertEquals(0, outside.steps());
    }

    @Test
    void tooManyStepsIsReported() {
        AccelerationFlow oscillator = new AccelerationFlow(TestKernels.oscillator(1), new double[] {1});
        DormandPrince54 limited = new DormandPrince54(oscillator, AdaptiveOptions.of(1e-10, 1e-10).withMaxSteps(10));
        IntegrationException e = assertThrows(IntegrationException.class,
                () -> limited.integrate(0, new double[] {1, 0}, 100));
        assertEquals(IntegrationException.Reason.TOO_MANY_STEPS, e.reason());
        assertTrue(e.steps() <= 10 && e.time() > 0 && e.time() < 100);
        assertMessage(e, "too many steps", "maxSteps = 10", "before t1 = 100.000000");
    }

    @Test
    void stepSizeUnderflowIsReported() {
        DormandPrince54 dp = new DormandPrince54(flow(BLOWS_UP_AT_ONE),
                AdaptiveOptions.of(1e-8, 1e-8).withStepLimits(1e-4, 1).withBlowUp(1e300));
        IntegrationException e = assertThrows(IntegrationException.class, () -> dp.integrate(0, new double[] {1, 1}, 2));
        assertEquals(IntegrationException.Reason.STEP_SIZE_UNDERFLOW, e.reason());
        assertTrue(e.time() < 1, "stopped at " + e.time());
        assertMessage(e, "step size underflowed", "minStep = 0.000100000000");
    }

    @Test
    void commonsMathIntegratorsReportTheSameFailures() {
        AccelerationFlow oscillator = new AccelerationFlow(TestKernels.oscillator(1), new double[] {1});
        DormandPrince853Integrator dp853 = new DormandPrince853Integrator(1e-8, 1, 1e-12, 1e-12);
        int[] userSteps = {0};
        dp853.addStepHandler(new StepHandler() {
            @Override
            public void init(double t0, double[] y0, double t) {
            }

            @Override
            public void handleStep(StepInterpolator interpolator, boolean isLast) {
                userSteps[0]++;
            }
        });
        double[] y = {1, 0};
        int steps = new CommonsMathAdapter(oscillator).integrate(dp853, 0, y, 10, 100_000, 1e10);
        assertEquals(Math.cos(10), y[0], 1e-10);
        assertEquals(-Math.sin(10), y[1], 1e-10);
        assertEquals(steps, userSteps[0]);
        assertEquals(1, dp853.getStepHandlers().size());

        IntegrationException nan = assertThrows(IntegrationException.class,
                () -> new CommonsMathAdapter(flow(NAN_AFTER_HALF)).integrate(dp853, 0, new double[] {0, 1}, 1,
                        100_000, 1e10));
        assertEquals(IntegrationException.Reason.NOT_FINITE, nan.reason());
        assertTrue(nan.time() >= 0.5 && nan.time() <= 1);

        IntegrationException many = assertThrows(IntegrationException.class,
                () -> new CommonsMathAdapter(oscillator).integrate(dp853, 0, new double[] {1, 0}, 1000, 200, 1e10));
        assertEquals(IntegrationException.Reason.TOO_MANY_STEPS, many.reason());
        assertMessage(many, "more than 200 evaluations");

        IntegrationException out = assertThrows(IntegrationException.class,
                () -> new CommonsMathAdapter(flow(TestKernels.straightLines(2, Domain.ball(1)))).integrate(dp853, 0,
                        new double[] {0, 0, 2, 0}, 1, 100_000, 1e10));
        assertEquals(IntegrationException.Reason.LEFT_DOMAIN, out.reason());
        assertTrue(out.time() >= 0.5);

        DormandPrince853Integrator coarse = new DormandPrince853Integrator(1e-3, 1, 1e-12, 1e-12);
        IntegrationException small = assertThrows(IntegrationException.class,
                () -> new CommonsMathAdapter(flow(BLOWS_UP_AT_ONE)).integrate(coarse, 0, new double[] {1, 1}, 2,
                        100_000, 1e300));
        assertEquals(IntegrationException.Reason.STEP_SIZE_UNDERFLOW, small.reason());
        assertTrue(small.time() < 1 && small.getMessage().contains("minimal step size"), small.getMessage());
    }

    @Test
    void kernelExceptionsAreReportedWithTimeAndState() {
        // A kernel that throws beyond x = 0.5, as a metric's Cholesky solve does where g is not positive definite.
        AccelerationKernels fails = TestKernels.fromFunction(1, Domain.NONE, (t, x, v, a) -> {
            if (x[0] > 0.5) {
                throw new ArithmeticException("not positive definite");
            }
            a[0] = 0;
        });
        IntegrationException r = assertThrows(IntegrationException.class,
                () -> new Rk4(flow(fails)).integrate(0, new double[] {0, 1}, 1, 10));
        assertEquals(IntegrationException.Reason.KERNEL_FAILED, r.reason());
        // x = t: the step from 0.5 is the first to evaluate beyond x = 0.5; its start is reported.
        assertEquals(0.5, r.time(), 1e-12);
        assertTrue(r.getCause() instanceof ArithmeticException);
        assertMessage(r, "kernel failed", "not positive definite", "at t = 0.500000000", "after 5 steps");

        IntegrationException e = assertThrows(IntegrationException.class,
                () -> new AccelerationRungeKutta(fails, Tableau.RK4).integrate(0, 1, 10, new double[] {0},
                        new double[] {1}, NO_THETA, null, null));
        assertEquals(IntegrationException.Reason.KERNEL_FAILED, e.reason());
        assertEquals(0.5, e.time(), 1e-12);
        assertEquals(5, e.steps());

        DormandPrince54 dp = new DormandPrince54(flow(fails), AdaptiveOptions.of(1e-8, 1e-8));
        IntegrationException a = assertThrows(IntegrationException.class, () -> dp.integrate(0, new double[] {0, 1}, 1));
        assertEquals(IntegrationException.Reason.KERNEL_FAILED, a.reason());
        assertEquals(0.5, a.time(), 1e-9);
        assertMessage(a, "not positive definite", "in every trial step");

        IntegrationException c = assertThrows(IntegrationException.class,
                () -> new CommonsMathAdapter(flow(fails)).integrate(new DormandPrince853Integrator(1e-8, 1, 1e-8, 1e-8),
                        0, new double[] {0, 1}, 1, 100_000, 1e10));
        assertEquals(IntegrationException.Reason.KERNEL_FAILED, c.reason());
    }

    @Test
    void theSecondOrderEngineReportsEveryFailure() {
        double[] none = NO_THETA;
        AccelerationRungeKutta nan = new AccelerationRungeKutta(NAN_AFTER_HALF, Tableau.RK4);
        IntegrationException e = assertThrows(IntegrationException.class,
                () -> nan.integrate(0, 1, 10, new double[] {0}, new double[] {1}, none, null, null));
        assertEquals(IntegrationException.Reason.NOT_FINITE, e.reason());
        assertEquals(0.5, e.time(), 1e-12);

        AccelerationRungeKutta blowUp = new AccelerationRungeKutta(BLOWS_UP_AT_ONE, Tableau.DOPRI5, Domain.NONE, 100);
        e = assertThrows(IntegrationException.class,
                () -> blowUp.integrate(0, 2, 1000, new double[] {1}, new double[] {1}, none, null, null));
        assertEquals(IntegrationException.Reason.BLOW_UP, e.reason());
        assertEquals(0.9, e.time(), 0.0021);

        Domain box = Domain.box(java.util.List.of(-1.0, 0.0), java.util.List.of(1.0, 2.0));
        AccelerationRungeKutta lines = new AccelerationRungeKutta(TestKernels.straightLines(2, box), Tableau.RK4);
        // x₁ = 1 − 2.2 t leaves (0, 2) at t ≈ 0.4545, noticed at the end of the step to 0.5.
        e = assertThrows(IntegrationException.class, () -> lines.integrate(0, 1, 10, new double[] {0, 1},
                new double[] {0.25, -2.2}, none, null, null));
        assertEquals(IntegrationException.Reason.LEFT_DOMAIN, e.reason());
        assertEquals(0.5, e.time(), 1e-12);
        assertMessage(e, "box([-1.0, 0.0], [1.0, 2.0])", "state = [0.125000000, -0.100000000");
        // Inside the box the same path is fine.
        double[] x = {0, 1};
        lines.integrate(0, 0.4, 10, x, new double[] {0.25, -2.2}, none, null, null);
        assertEquals(0.12, x[1], 1e-12);
    }

    @Test
    void exceptionsCopyTheirState() {
        double[] state = {1, 2, 3};
        IntegrationException e = new IntegrationException(IntegrationException.Reason.BLOW_UP, "", 0.25, state, 3);
        state[0] = 99;
        assertEquals(1, e.state()[0]);
        double[] big = new double[20];
        Arrays.fill(big, 1);
        assertTrue(new IntegrationException(IntegrationException.Reason.BLOW_UP, "", 0, big, 0).getMessage()
                .contains("... (20 values)"));
    }
}
