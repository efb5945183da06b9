package geo.runtime.api;

/**
 * The RK4 step of {@link StepKernels} for a batch of n points at once, in structure-of-arrays
 * layout: coordinate i of point b is element {@code i·n + b} of x (and of v, xOut, vOut), so
 * that each coordinate is a contiguous run of n values. The generated method loops over the
 * batch; with {@code --add-modules jdk.incubator.vector} its main loop computes
 * {@code geo.runtime.lanes.Lanes.LENGTH} points per iteration in SIMD registers (the per-point
 * straight-line step with every {@code double} a vector), and the remaining points one at a
 * time. Every point's step performs the operations of {@link StepKernels#rk4Step} in the same
 * order, so point b of the batch is bit for bit the per-point step of (x_b, v_b).
 *
 * <p>Call it only when {@code geo.runtime.lanes.LaneSupport.available()} or with
 * n &lt; {@code LENGTH}: without the incubator module the vector loop cannot link
 * ({@code NoClassDefFoundError}). {@code geo.runtime.geodesic.BatchExp} decides this and
 * falls back to {@link StepKernels#rk4Step} point by point.
 */
public interface BatchStepKernels extends StepKernels {

    /**
     * One RK4 step of size h from (t, x_b, v_b) for every point b &lt; n.
     *
     * @param n     the number of points (≥ 0)
     * @param x     the positions, length ≥ d·n, coordinate i of point b at i·n + b (read)
     * @param v     the velocities, same layout (read)
     * @param theta the parameters, length P, shared by all points (read)
     * @param xOut  the positions after the step, same layout (overwritten; must not be x or v)
     * @param vOut  the velocities after the step, same layout (overwritten; must not be x or v)
     */
    void rk4StepBatch(double t, double h, int n, double[] x, double[] v, double[] theta, double[] xOut,
                      double[] vOut);
}
