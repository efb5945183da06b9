package geo.runtime.ode;

/** Receives the state after every step of a fixed-step integrator. */
@FunctionalInterface
public interface StepListener {

    /**
     * Called after step {@code index} (1-based) has reached time t.
     *
     * @param y the state at t (read only: the integrator continues from it)
     */
    void step(int index, double t, double[] y);
}
