package geo.runtime.api;

/**
 * The acceleration a(x_b, v_b; θ) of a batch of n points at once, for models too large for a
 * batch RK4 step ({@link BatchStepKernels}): the network metrics, whose step is thousands of
 * values. Work row s holds value s of every point ({@code w[s][b]} for point b): x in rows
 * 0 … d − 1, v in rows d … 2d − 1, a in the d rows from {@link #accelerationBatchOutputSlot()}.
 * The generated kernel runs each value of the per-point kernel as one loop over the batch
 * ({@code geo.runtime.lanes.LaneLoops}; a parameter matrix times the hidden layer as one
 * matrix–matrix loop), with the per-point kernel's operations in its order and tanh by the
 * vectorised loops of {@link Tanh}, which the per-point kernel calls, so point b gets exactly the
 * bits of {@link #acceleration} at
 * (x_b, v_b). An implicit spray ({@link ImplicitAcceleration}) batches its system M a = r this
 * way and solves each point's system by the per-point Cholesky code. The batched exponential map
 * ({@code geo.runtime.geodesic.BatchExp}) takes RK4 steps with it, stage by stage.
 */
public interface BatchAccelerationKernels extends AccelerationKernels {

    /**
     * a at every point b &lt; n: x_i of point b at {@code w[i][b]}, v_i at {@code w[d + i][b]}
     * (read); a_i written to {@code w[accelerationBatchOutputSlot() + i][b]}; the other rows are
     * the kernel's scratch. {@code w} is made by {@link #work}.
     *
     * @throws ArithmeticException when an implicit system is not positive definite at a point
     */
    void accelerationBatch(int n, double[][] w, double[] theta);

    /** The work rows the batch kernel uses (at least 2d + d). */
    int accelerationBatchSlots();

    /** The work row of a_0 (a_1 … a_{d−1} follow it). */
    int accelerationBatchOutputSlot();

    /** A work array for batches of up to {@code capacity} points. */
    static double[][] work(BatchAccelerationKernels k, int capacity) {
        double[][] w = new double[k.accelerationBatchSlots()][];
        for (int s = 0; s < w.length; s++) {
            w[s] = new double[capacity];
        }
        return w;
    }
}
