package geo.runtime.ode;

import java.util.Arrays;

/**
 * The record of an {@link AccelerationRungeKutta} integration that its discrete adjoint needs:
 * for every step its start time and size, and either every stage point (Xᵢ, Vᵢ) at which the
 * acceleration was evaluated, or — for fused RK4 steps ({@link geo.runtime.api.StepKernels}) —
 * one row per step holding the step's start (x, v) and its residuals, with a last row holding the
 * end state. Grows as needed and is reused across integrations, so a learning loop that keeps one
 * tape allocates only while the number of steps grows.
 */
public final class StageTape {

    private final int stages;
    private final int d;
    /** The row length of a tape of fused steps, or 0 for a tape of stages. */
    private final int row;
    private int steps;
    private double[] times = new double[16];
    private double[] sizes = new double[16];
    private double[] positions;
    private double[] velocities;
    private double[] rows;

    /** An empty tape for a method with {@code stages} stages in dimension d. */
    public StageTape(int stages, int d) {
        this(stages, d, 0);
    }

    /**
     * An empty tape: of stages when {@code row} is 0, else of fused steps with rows of that length
     * (at least 2d).
     */
    public StageTape(int stages, int d, int row) {
        if (row != 0 && row < 2 * d) {
            throw new IllegalArgumentException("a row holds at least x and v (" + 2 * d + " numbers), not " + row);
        }
        this.stages = stages;
        this.d = d;
        this.row = row;
        if (row == 0) {
            this.positions = new double[16 * stages * d];
            this.velocities = new double[16 * stages * d];
        } else {
            this.rows = new double[17 * row];
        }
    }

    /** The number of recorded steps. */
    public int steps() {
        return steps;
    }

    public int stages() {
        return stages;
    }

    public int dimension() {
        return d;
    }

    /** The row length of a tape of fused steps, 0 for a tape of stages. */
    public int row() {
        return row;
    }

    /** The start time of step k. */
    public double time(int k) {
        return times[k];
    }

    /** The size of step k. */
    public double size(int k) {
        return sizes[k];
    }

    /** Forgets all steps (keeps the storage). */
    public void clear() {
        steps = 0;
    }

    /** Appends a step starting at t with size h; its stages are stored with {@link #putStage}. */
    void beginStep(double t, double h) {
        if (steps == times.length) {
            int n = 2 * steps;
            times = Arrays.copyOf(times, n);
            sizes = Arrays.copyOf(sizes, n);
            if (row == 0) {
                positions = Arrays.copyOf(positions, n * stages * d);
                velocities = Arrays.copyOf(velocities, n * stages * d);
            } else {
                rows = Arrays.copyOf(rows, (n + 1) * row);
            }
        }
        times[steps] = t;
        sizes[steps] = h;
        steps++;
    }

    /** Stores stage i of the last step begun (a tape of stages). */
    void putStage(int i, double[] x, double[] v) {
        int offset = ((steps - 1) * stages + i) * d;
        System.arraycopy(x, 0, positions, offset, d);
        System.arraycopy(v, 0, velocities, offset, d);
    }

    /** Stores stage i of the last step begun from a state y = (x, v) of length 2d (a tape of stages). */
    void putState(int i, double[] y) {
        int offset = ((steps - 1) * stages + i) * d;
        System.arraycopy(y, 0, positions, offset, d);
        System.arraycopy(y, d, velocities, offset, d);
    }

    /**
     * The rows of a tape of fused steps: row k (at k·{@link #row()}) for step k, which the step's
     * kernel fills, and row {@link #steps()} holding the end state. Valid until the next
     * {@link #beginStep}.
     */
    double[] rows() {
        return rows;
    }

    /**
     * Copies stage i of step k into x and v (overwritten); of a tape of fused steps only stage 0,
     * the step's start, is recorded.
     */
    public void getStage(int k, int i, double[] x, double[] v) {
        if (row != 0) {
            if (i != 0) {
                throw new IllegalArgumentException("a tape of fused steps records only their starts, not stage " + i);
            }
            System.arraycopy(rows, k * row, x, 0, d);
            System.arraycopy(rows, k * row + d, v, 0, d);
            return;
        }
        int offset = (k * stages + i) * d;
        System.arraycopy(positions, offset, x, 0, d);
        System.arraycopy(velocities, offset, v, 0, d);
    }
}
