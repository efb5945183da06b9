package geo.runtime.manifold.closed;

import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.PairDistance;
import java.util.Arrays;

/**
 * What the closed-form spaces share: a name and dimension, no parameters unless a subclass says
 * otherwise, no state (so one instance serves every thread), and the conventions for the
 * degenerate cases of {@link #distance}.
 */
public abstract class ClosedFormSpace implements EmbeddingSpace {

    private static final PairDistance ZERO = PairDistance.of(0);

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
     * @return d = 0, OK
     */
    protected static PairDistance coincident(double[] gx, double[] gy, double[] gTheta) {
        Arrays.fill(gx, 0);
        Arrays.fill(gy, 0);
        Arrays.fill(gTheta, 0);
        return ZERO;
    }

    /**
     * Where the formula has no distance or no gradient (a point outside the space's domain,
     * antipodal points of the sphere): {@link PairDistance.Status#UNDEFINED} with {@code reason};
     * the gradients are left as they are.
     */
    protected PairDistance undefined(String reason) {
        return PairDistance.failed(PairDistance.Status.UNDEFINED, name + ": " + reason);
    }

    /** {@link PairDistance#checked}(d, gx, gy, gTheta) with this space's name: d when it and the gradients are finite, else NOT_FINITE. */
    protected PairDistance checked(double d, double[] gx, double[] gy, double[] gTheta) {
        return PairDistance.checked(name, d, gx, gy, gTheta);
    }

    /** arccosh(1 + u) for u ≥ 0, as log1p(u + √(u(u + 2))): accurate for small u, where acosh(1 + u) is not. */
    static double acosh1p(double u) {
        return Math.log1p(u + Math.sqrt(u * (u + 2)));
    }
}
