package geo.runtime.learn.embed;

import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.WarmStartedSpace;

/**
 * Test fixtures shared by the graph-embedding tests: the parts of a hand-made {@link EmbeddingSpace}
 * that no test varies (so that a test's space states only what it tests: its distances, its warm
 * starts), the small model with θ several tests differentiate ({@link LinearMap}), and per-pair values
 * with failed pairs ({@link #withFailed}).
 */
final class EmbedFixtures {

    /** The failure of a test's failed pair. */
    static final PairDistance FAILED = PairDistance.failed(PairDistance.Status.NOT_CONVERGED, "a test's failed pair");

    private EmbedFixtures() {
    }

    /** {@code values}, every pair computed but the pairs {@code failed}, which failed ({@link #FAILED}). */
    static PairValues withFailed(double[] values, int... failed) {
        double[] filled = values.clone();
        for (int k : failed) {
            // the slot is overwritten by the failure below; PairValues.of takes numbers only
            filled[k] = 0;
        }
        PairValues out = PairValues.of(filled);
        for (int k : failed) {
            out.set(k, FAILED);
        }
        return out;
    }

    /**
     * A test's plane: 2 coordinates, no θ, no domain to project onto, one instance for every thread,
     * and warm starts that no pair has (so that, without them, it is itself); a test gives its
     * distances and whatever else it varies.
     */
    interface Plane extends WarmStartedSpace {
        @Override
        default String name() {
            return "test plane";
        }

        @Override
        default int dimension() {
            return 2;
        }

        @Override
        default int parameterCount() {
            return 0;
        }

        @Override
        default double[] initialParameters() {
            return new double[0];
        }

        @Override
        default void project(double[] x) {
        }

        @Override
        default EmbeddingSpace forThread() {
            return this;
        }

        @Override
        default void clearWarmStarts() {
        }

        @Override
        default boolean hasWarmStart(int pair) {
            return false;
        }

        @Override
        default EmbeddingSpace withoutWarmStarts() {
            return this;
        }
    }

    /** A test's space that is {@link #inner()} but for what the test overrides (its distances, its threads). */
    interface Wrapping extends EmbeddingSpace {
        /** The space wrapped. */
        EmbeddingSpace inner();

        @Override
        default String name() {
            return inner().name();
        }

        @Override
        default int dimension() {
            return inner().dimension();
        }

        @Override
        default int parameterCount() {
            return inner().parameterCount();
        }

        @Override
        default double[] initialParameters() {
            return inner().initialParameters();
        }

        @Override
        default void project(double[] x) {
            inner().project(x);
        }
    }

    /**
     * A tiny model with θ: Rᵈ with the constant metric AᵀA, d(x, y) = ‖A(x − y)‖ with θ = A (row
     * major), and its exact gradients ∂d/∂x = Aᵀw/d = −∂d/∂y and ∂d/∂A_ij = w_i r_j/d for
     * r = x − y, w = A r.
     */
    record LinearMap(int dim) implements EmbeddingSpace {
        @Override
        public String name() {
            return "linear map";
        }

        @Override
        public int dimension() {
            return dim;
        }

        @Override
        public int parameterCount() {
            return dim * dim;
        }

        @Override
        public double[] initialParameters() {
            double[] a = new double[dim * dim];
            for (int i = 0; i < dim; i++) {
                a[i * dim + i] = 1;
            }
            return a;
        }

        @Override
        public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                                     double[] gTheta) {
            double[] r = new double[dim];
            double[] w = new double[dim];
            for (int j = 0; j < dim; j++) {
                r[j] = x[j] - y[j];
            }
            double d2 = 0;
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    w[i] += theta[i * dim + j] * r[j];
                }
                d2 += w[i] * w[i];
            }
            double d = Math.sqrt(d2);
            for (int j = 0; j < dim; j++) {
                double s = 0;
                for (int i = 0; i < dim; i++) {
                    s += theta[i * dim + j] * w[i];
                    gTheta[i * dim + j] = w[i] * r[j] / d;
                }
                gx[j] = s / d;
                gy[j] = -s / d;
            }
            return PairDistance.checked(name(), d, gx, gy, gTheta);
        }

        @Override
        public void project(double[] x) {
        }

        @Override
        public EmbeddingSpace forThread() {
            return this;
        }
    }
}
