package geo.runtime.manifold.closed;

import geo.runtime.manifold.EmbeddingSpace;
import java.util.Arrays;

/**
 * What the closed-form spaces share: a name and dimension, no parameters unless a subclass says
 * otherwise, no state (so one instance serves every thread), and the conventions for the
 * degenerate cases of {@link #distance}.
 */
public abstract class ClosedFormSpace implements EmbeddingSpace {

    private final String name;
    private final int dimension;

    protected ClosedFormSpace(String name, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException(name + ": dimension must be ≥ 1, got " + dimension);
        }
        this.name = name;
        this.dimension = dimension;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int parameterCount() {
        return 0;
    }

    @Override
    public double[] initialParameters() {
        return new double[parameterCount()];
    }

    /** No-op: the space is all of Rᵈ. */
    @Override
    public void project(double[] x) {
    }

    /** This instance: closed forms keep no scratch state, so threads can share it. */
    @Override
    public EmbeddingSpace forThread() {
        return this;
    }

    /**
     * Coincident points: d = 0, where d is not differentiable. The gradients are set to zero
     * (a subgradient of the Euclidean case), which leaves such a pair to the other pairs' pull.
     *
     * @return 0
     */
    protected static double coincident(double[] gx, double[] gy, double[] gTheta) {
        Arrays.fill(gx, 0);
        Arrays.fill(gy, 0);
        Arrays.fill(gTheta, 0);
        return 0;
    }

    /**
     * A point outside the space's domain: everything NaN, which the trainer counts as a failed pair.
     *
     * @return NaN
     */
    protected static double undefined(double[] gx, double[] gy, double[] gTheta) {
        Arrays.fill(gx, Double.NaN);
        Arrays.fill(gy, Double.NaN);
        Arrays.fill(gTheta, Double.NaN);
        return Double.NaN;
    }

    /** arccosh(1 + u) for u ≥ 0, as log1p(u + √(u(u + 2))): accurate for small u, where acosh(1 + u) is not. */
    static double acosh1p(double u) {
        return Math.log1p(u + Math.sqrt(u * (u + 2)));
    }
}
