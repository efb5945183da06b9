package geo.runtime.ode;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.exception.NumberIsTooSmallException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.FirstOrderIntegrator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;

/**
 * An {@link OdeSystem} as Apache Commons Math's {@link FirstOrderDifferentialEquations}, so that
 * its integrators (e.g. {@code DormandPrince853Integrator}, {@code GraggBulirschStoerIntegrator})
 * can be used, with the same failure reporting as the integrators of this package.
 *
 * <p>Commons Math accepts a step whose error estimate is NaN, so this adapter checks every
 * derivative it computes and every accepted state itself. Commons Math allocates in its step
 * loop; use {@link Rk4} or {@link DormandPrince54} where that matters. Not thread-safe.
 */
public final class CommonsMathAdapter implements FirstOrderDifferentialEquations {

    private final OdeSystem system;
    private int accepted;

    public CommonsMathAdapter(OdeSystem system) {
        this.system = system;
    }

    @Override
    public int getDimension() {
        return system.dimension();
    }

    /**
     * Evaluates the system; yDot is overwritten.
     *
     * @throws IntegrationException NOT_FINITE if a derivative is NaN or infinite, KERNEL_FAILED if the
     *                              system throws an ArithmeticException
     */
    @Override
    public void computeDerivatives(double t, double[] y, double[] yDot) {
        try {
            system.derivative(t, y, yDot);
        } catch (ArithmeticException e) {
            throw StateGuard.kernelFailed(e, t, y, accepted);
        }
        for (double value : yDot) {
            if (!Double.isFinite(value)) {
                throw new IntegrationException(IntegrationException.Reason.NOT_FINITE, "derivative", t, y, accepted);
            }
        }
    }

    /**
     * Integrates from t₀ to t₁ with a Commons Math integrator. For the duration of the call the
     * integrator's evaluation limit is {@code maxEvaluations} and a checking step handler runs
     * before the integrator's own handlers; both settings are restored afterwards.
     *
     * @param y the initial state (overwritten with the state at t₁)
     * @return the number of accepted steps
     * @throws IntegrationException on a non-finite value, blow-up beyond {@code blowUp}, leaving the
     *                              domain, more than {@code maxEvaluations} evaluations of f (TOO_MANY_STEPS)
     *                              or a step below the integrator's minimum (STEP_SIZE_UNDERFLOW)
     */
    public int integrate(FirstOrderIntegrator integrator, double t0, double[] y, double t1, int maxEvaluations,
                         double blowUp) {
        StateGuard.check(system, t0, y, 0, blowUp);
        accepted = 0;
        Checker checker = new Checker(blowUp);
        checker.time = t0;
        checker.state = y.clone();
        List<StepHandler> own = new ArrayList<>(integrator.getStepHandlers());
        int previousLimit = integrator.getMaxEvaluations();
        integrator.clearStepHandlers();
        integrator.addStepHandler(checker);
        for (StepHandler h : own) {
            integrator.addStepHandler(h);
        }
        integrator.setMaxEvaluations(maxEvaluations);
        try {
            integrator.integrate(this, t0, y, t1, y);
            return accepted;
        } catch (MaxCountExceededException e) {
            throw new IntegrationException(IntegrationException.Reason.TOO_MANY_STEPS, "more than " + maxEvaluations
                    + " evaluations before t1 = " + IntegrationException.format(t1) + " with " + integrator.getName(),
                    checker.time, checker.state, accepted);
        } catch (NumberIsTooSmallException e) {
            throw new IntegrationException(IntegrationException.Reason.STEP_SIZE_UNDERFLOW, e.getMessage(),
                    checker.time, checker.state, accepted);
        } finally {
            integrator.clearStepHandlers();
            for (StepHandler h : own) {
                integrator.addStepHandler(h);
            }
            integrator.setMaxEvaluations(previousLimit);
        }
    }

    /** Checks every accepted state and remembers the last good one for error messages. */
    private final class Checker implements StepHandler {
        private final double blowUp;
        private double time;
        private double[] state;

        Checker(double blowUp) {
            this.blowUp = blowUp;
        }

        @Override
        public void init(double t0, double[] y0, double t) {
            time = t0;
            state = y0.clone();
        }

        @Override
        public void handleStep(StepInterpolator interpolator, boolean isLast) {
            double t = interpolator.getCurrentTime();
            interpolator.setInterpolatedTime(t);
            double[] y = interpolator.getInterpolatedState();
            accepted++;
            StateGuard.check(system, t, y, accepted, blowUp);
            time = t;
            state = y;
        }
    }
}
