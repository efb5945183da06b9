package geo.runtime.transport.cost;

import geo.runtime.transport.CostMatrix;
import java.util.List;
import java.util.Map;

/**
 * A cost matrix computation: {@link Built} when every entry succeeded, otherwise {@link Failed}
 * with every failed entry. A matrix with holes is never built.
 */
public sealed interface CostResult {

    /** The number of source rows n. */
    int rows();

    /** The number of target columns m. */
    int cols();

    /** Entries by status (every status, in enum order; the OK count included). */
    Map<EntryStatus, Long> counts();

    /** Every entry succeeded: the matrix. */
    record Built(CostMatrix matrix, Map<EntryStatus, Long> counts) implements CostResult {
        @Override
        public int rows() {
            return matrix.rows();
        }

        @Override
        public int cols() {
            return matrix.cols();
        }
    }

    /**
     * Some entries failed: all of them, in row-major order, and the counts by status.
     */
    record Failed(int rows, int cols, List<EntryFailure> failures, Map<EntryStatus, Long> counts)
            implements CostResult {

        public Failed {
            failures = List.copyOf(failures);
        }

        /** A one-line summary: "12 of 1600 entries failed (NOT_CONVERGED 10, OUTSIDE_DOMAIN 2); first (3, 7): ...". */
        public String summary() {
            StringBuilder s = new StringBuilder().append(failures.size()).append(" of ").append((long) rows * cols)
                    .append(" cost entries failed (");
            String sep = "";
            for (Map.Entry<EntryStatus, Long> e : counts.entrySet()) {
                if (e.getKey() != EntryStatus.OK && e.getValue() > 0) {
                    s.append(sep).append(e.getKey()).append(' ').append(e.getValue());
                    sep = ", ";
                }
            }
            return s.append("); first ").append(failures.get(0)).toString();
        }
    }
}
