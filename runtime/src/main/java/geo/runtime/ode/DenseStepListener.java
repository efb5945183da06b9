package geo.runtime.ode;

/** Receives every accepted step of an adaptive integrator together with its dense output. */
@FunctionalInterface
public interface DenseStepListener {

    /**
     * Called after the step from {@code tPrevious} to {@code t} was accepted.
     *
     * @param y     the state at t (read only)
     * @param dense the continuous extension, valid for times between tPrevious and t
     */
    void step(double tPrevious, double t, double[] y, DenseOutput dense);
}
