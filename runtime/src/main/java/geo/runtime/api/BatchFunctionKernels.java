package geo.runtime.api;

/**
 * A function whose compiled class also evaluates its value over a batch of n rows at once
 * ({@link #valueBatch}), in structure-of-arrays layout: work row s holds value s of every row of
 * the batch ({@code w[s][b]} for row b), so that products with a parameter matrix run as
 * matrix–matrix loops over the batch ({@code geo.runtime.lanes.LaneLoops}), as
 * {@link BatchLossKernels} does for a loss's gradient. Per row the outputs are those of
 * {@link #value} (the same operations in the same order, tanh included: both use {@link Tanh}).
 */
public interface BatchFunctionKernels extends FunctionKernels {

    /**
     * f(in_b; θ) for the rows b &lt; n of the batch: input element i of row b is {@code w[i][b]}
     * before the call; after it, output element j of row b is {@code w[batchOutputSlot() + j][b]}.
     * {@code w} is made by {@link #work}.
     */
    void valueBatch(int n, double[][] w, double[] theta);

    /** The work rows the batch kernel uses. */
    int batchSlots();

    /** The work row of the first output element (the others follow it). */
    int batchOutputSlot();

    /** A work array for batches of up to {@code capacity} rows. */
    static double[][] work(BatchFunctionKernels k, int capacity) {
        int rows = Math.max(k.batchSlots(), k.descriptor().inputCount());
        double[][] w = new double[rows][];
        for (int s = 0; s < rows; s++) {
            w[s] = new double[capacity];
        }
        return w;
    }
}
