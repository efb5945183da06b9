package geo.runtime.ode;

/** Receives the position and velocity after every step of an {@link AccelerationRungeKutta}. */
@FunctionalInterface
public interface PhaseStepListener {

    /**
     * Called after step {@code index} (1-based) has reached time t.
     *
     * @param x the position (read only)
     * @param v the velocity (read only)
     */
    void step(int index, double t, double[] x, double[] v);
}
