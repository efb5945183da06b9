package geo.runtime.transport.cost;

/**
 * A pair whose cost could not be computed: source row i, target column j, the status and why.
 */
public record EntryFailure(int row, int col, EntryStatus status, String detail) {

    @Override
    public String toString() {
        return "(" + row + ", " + col + "): " + status + (detail.isEmpty() ? "" : ": " + detail);
    }
}
