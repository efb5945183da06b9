package geo.runtime.transport.cost;

/** How the cost of one pair (x_i, y_j) ended; only {@link #OK} gives a cost. */
public enum EntryStatus {
    /** The cost (and, when asked, its gradients) was computed. */
    OK,
    /** x or y is outside the model's chart domain. */
    OUTSIDE_DOMAIN,
    /** The metric is not positive definite at x, at y or along the geodesic. */
    INDEFINITE_METRIC,
    /** The logarithm (shooting) or the path minimisation did not converge. */
    NOT_CONVERGED,
    /** The logarithm converged in coordinates, but the distance's error estimate in the metric is too large. */
    INACCURATE,
    /** A geodesic was found, but it is not certified to be the shortest (a conjugate point). */
    NOT_MINIMAL,
    /** The cost is not a finite number (e.g. a discrete length of a Lagrangian that is negative somewhere). */
    NOT_FINITE;

    public boolean ok() {
        return this == OK;
    }
}
