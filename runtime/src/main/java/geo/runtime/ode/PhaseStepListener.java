package geo.runtime.ode;

/** Receives the position and velocity after every step of an {@link AccelerationRungeKutta}. */
@FunctionalInterface
public interface PhaseStepListener {

    /**
     * Called after step {@code index} (1-based) has reached time t.
     *
     * @param x the position (read only, and only during the call: the integrator may reuse the array)
     * @param v the velocity (read only, and only during the call)
     */
    void step(int index, double t, double[] x, double[] v);
}
