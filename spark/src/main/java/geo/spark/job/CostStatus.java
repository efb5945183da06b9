package geo.spark.job;

import geo.runtime.transport.cost.EntryStatus;

/**
 * How one entry of the cost job ended: the runtime's {@link EntryStatus} of a solved entry, or
 * {@link #BAD_INPUT} for an entry whose source or target line is not a point. Only {@link #OK}
 * has a cost.
 */
public enum CostStatus {
    OK,
    OUTSIDE_DOMAIN,
    INDEFINITE_METRIC,
    NOT_CONVERGED,
    INACCURATE,
    NOT_MINIMAL,
    NOT_FINITE,
    /** The source's or the target's line in its cloud file is not a point. */
    BAD_INPUT;

    /** The status of a solved entry. */
    public static CostStatus of(EntryStatus s) {
        return switch (s) {
            case OK -> OK;
            case OUTSIDE_DOMAIN -> OUTSIDE_DOMAIN;
            case INDEFINITE_METRIC -> INDEFINITE_METRIC;
            case NOT_CONVERGED -> NOT_CONVERGED;
            case INACCURATE -> INACCURATE;
            case NOT_MINIMAL -> NOT_MINIMAL;
            case NOT_FINITE -> NOT_FINITE;
        };
    }

    /** The runtime's status, for {@link geo.runtime.transport.cost.CostResult}; empty for {@link #BAD_INPUT}. */
    public java.util.Optional<EntryStatus> entryStatus() {
        return this == BAD_INPUT ? java.util.Optional.empty() : java.util.Optional.of(EntryStatus.valueOf(name()));
    }
}
