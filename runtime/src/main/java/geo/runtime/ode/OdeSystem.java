package geo.runtime.ode;

/**
 * A first-order system y' = f(t, y) on a flat state of fixed length n.
 *
 * <p>Implementations may own scratch arrays (and then are not thread-safe) but must not allocate
 * in {@link #derivative}, which integrators call in their step loops.
 */
public interface OdeSystem {

    /** The length n of the state. */
    int dimension();

    /**
     * The right-hand side.
     *
     * @param t    the time
     * @param y    the state, length n (read)
     * @param yDot the derivative f(t, y), length n (overwritten)
     */
    void derivative(double t, double[] y, double[] yDot);

    /**
     * Whether a state lies in the region where the system is defined (for a geodesic flow: whether
     * the position lies in the chart's domain). Integrators check it after every accepted step.
     * Reads y; allocates nothing.
     */
    default boolean inDomain(double[] y) {
        return true;
    }

    /** The region {@link #inDomain} tests, for error messages. */
    default String domainDescription() {
        return "R^" + dimension();
    }
}
