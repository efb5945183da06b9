package geo.runtime.api;

/**
 * A loss whose compiled class also evaluates Σ ℓ and Σ ∇_θ ℓ over a batch of n rows at once
 * ({@link #lossGradientBatch}), in structure-of-arrays layout: work row s holds value s of every
 * row of the batch ({@code w[s][b]} for row b), so that products with a parameter matrix run as
 * matrix–matrix loops over the batch (see {@code geo.runtime.lanes.LaneLoops}). Per row the values
 * are those of {@link #lossGradient} (the same operations in the same order, tanh included: both
 * use {@link Tanh}); the sums over the batch add the rows in order.
 */
public interface BatchLossKernels extends LossKernels {

    /**
     * Σ_b ℓ(in_b; θ) over the rows b &lt; n of the batch, and {@code gTheta += Σ_b ∇_θ ℓ(in_b; θ)}
     * (each element adding the rows in order). Input element i of row b is {@code w[i][b]}
     * before the call; after it, {@code w[batchLossSlot()][b]} is row b's loss. {@code w} is made
     * by {@link #work}.
     */
    double lossGradientBatch(int n, double[][] w, double[] theta, double[] gTheta);

    /** The work rows the batch kernel uses (then n + 1 scratch rows follow). */
    int batchSlots();

    /** The least length of a scratch row (besides the batch size). */
    int batchScratchLength();

    /** The work row holding each row's loss after {@link #lossGradientBatch}. */
    int batchLossSlot();

    /** A work array for batches of up to {@code capacity} rows. */
    static double[][] work(BatchLossKernels k, int capacity) {
        int length = Math.max(capacity, k.batchScratchLength());
        double[][] w = new double[k.batchSlots() + capacity + 1][];
        for (int s = 0; s < w.length; s++) {
            w[s] = new double[length];
        }
        return w;
    }
}
