package geo.runtime.ode;

import java.util.Arrays;

/**
 * The record of an {@link AccelerationRungeKutta} integration that its discrete adjoint needs:
 * for every step its start time and size, and for every stage the point (Xᵢ, Vᵢ) at which the
 * acceleration was evaluated. Grows as needed and is reused across integrations, so a learning
 * loop that keeps one tape allocates only while the number of steps grows.
 */
public final class StageTape {

    private final int stages;
    private final int d;
    private int steps;
    private double[] times = new double[16];
    private double[] sizes = new double[16];
    private double[] positions;
    private double[] velocities;

    /** An empty tape for a method with {@code stages} stages in dimension d. */
    public StageTape(int stages, int d) {
        this.stages = stages;
        this.d = d;
        this.positions = new double[16 * stages * d];
        this.velocities = new double[16 * stages * d];
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
            positions = Arrays.copyOf(positions, n * stages * d);
            velocities = Arrays.copyOf(velocities, n * stages * d);
        }
        times[steps] = t;
        sizes[steps] = h;
        steps++;
    }

    /** Stores stage i of the last step begun. */
    void putStage(int i, double[] x, double[] v) {
        int offset = ((steps - 1) * stages + i) * d;
        System.arraycopy(x, 0, positions, offset, d);
        System.arraycopy(v, 0, velocities, offset, d);
    }

    /** Copies stage i of step k into x and v (overwritten). */
    public void getStage(int k, int i, double[] x, double[] v) {
        int offset = (k * stages + i) * d;
        System.arraycopy(positions, offset, x, 0, d);
        System.arraycopy(velocities, offset, v, 0, d);
    }
}
