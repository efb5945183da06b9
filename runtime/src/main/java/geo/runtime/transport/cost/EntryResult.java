package geo.runtime.transport.cost;

/**
 * The cost of one pair: its value (meaningful only when {@code status} is {@link EntryStatus#OK}),
 * its status, and why it failed (empty when it did not).
 */
public record EntryResult(double value, EntryStatus status, String detail) {

    /** A computed cost. */
    public static EntryResult ok(double value) {
        return Double.isFinite(value) ? new EntryResult(value, EntryStatus.OK, "")
                : new EntryResult(value, EntryStatus.NOT_FINITE, "the cost is " + value);
    }

    /** A failure. */
    public static EntryResult failed(EntryStatus status, String detail) {
        return new EntryResult(Double.NaN, status, detail);
    }

    public boolean ok() {
        return status.ok();
    }
}
