package geo.runtime.transport.cost;

/**
 * Told of finished rows while a cost matrix is computed, for a progress display. Called from the
 * worker threads, concurrently: implementations must be thread-safe.
 */
@FunctionalInterface
public interface CostProgress {

    /** Nothing is reported. */
    CostProgress NONE = (row, entries) -> { };

    /**
     * @param row     the row that is done
     * @param entries the entries of that row (the number of targets)
     */
    void rowDone(int row, int entries);
}
