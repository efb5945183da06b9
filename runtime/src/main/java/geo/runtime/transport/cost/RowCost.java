package geo.runtime.transport.cost;

/**
 * A {@link PairCost} that solves the entries of a stretch of one row together (for example with
 * batched solvers); {@link CostMatrices#row} hands it the whole stretch instead of calling
 * {@link PairCost#cost} entry by entry.
 */
public interface RowCost extends PairCost {

    /**
     * The entries (x, y_{order[k]}) for from ≤ k &lt; to, each told to {@code sink} once, with the
     * statuses {@link CostMatrices#entries} would give and values equal to its up to the solver's
     * tolerance; the numbers must not depend on anything but the arguments (not on other rows
     * solved before by this instance), so that matrices do not depend on the thread count.
     */
    void row(double[] x, double[][] ys, int[] order, int from, int to, double[] theta, CostMatrices.EntrySink sink);
}
