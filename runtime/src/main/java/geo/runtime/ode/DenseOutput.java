package geo.runtime.ode;

/** The continuous extension of an integrator over its last accepted step. */
public interface DenseOutput {

    /**
     * The interpolated state at time t, which must lie in the last accepted step.
     *
     * @param out length n (overwritten)
     */
    void interpolate(double t, double[] out);
}
