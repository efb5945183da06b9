package geo.spark.job;

import geo.runtime.bvp.LogStatus;

/**
 * How one pair of the distance job ended: the logarithm's own statuses ({@link LogStatus}), the
 * failures {@code geo dist} reports as errors (a point outside the chart, an indefinite metric, an
 * integration that blew up), and a row that could not be read. Only {@link #CONVERGED} has a
 * distance; every other row is kept in the output with its status.
 */
public enum PairStatus {
    CONVERGED,
    MAX_ITERATIONS,
    SINGULAR_JACOBIAN,
    NO_PROGRESS,
    INACCURATE,
    NOT_MINIMAL,
    /** x or y lies outside the model's chart domain. */
    OUTSIDE_DOMAIN,
    /** The metric is not positive definite at x, at y or along the geodesic. */
    INDEFINITE_METRIC,
    /** The geodesic equation could not be integrated (a blow-up, a non-finite state). */
    INTEGRATION_FAILED,
    /** The row is not a pair of points: wrong number of cells, a cell that is not a finite number, a null. */
    BAD_INPUT;

    /** The status of a finished logarithm solve. */
    public static PairStatus of(LogStatus s) {
        return switch (s) {
            case CONVERGED -> CONVERGED;
            case MAX_ITERATIONS -> MAX_ITERATIONS;
            case SINGULAR_JACOBIAN -> SINGULAR_JACOBIAN;
            case NO_PROGRESS -> NO_PROGRESS;
            case INACCURATE -> INACCURATE;
            case NOT_MINIMAL -> NOT_MINIMAL;
        };
    }
}
