package geo.runtime.transport;

/**
 * A differentiable ground cost c(x, y) between a source point x and a target point y, for the
 * gradients of transport costs in the point positions ({@link SinkhornResult#pointGradient},
 * {@link SinkhornDivergence}). Implementations must be safe to call from several threads at once
 * only if they say so; the solvers here call them from one thread.
 */
public interface PointCost {

    /** c(x, y). */
    double cost(double[] x, double[] y);

    /** Writes ∂c/∂x into {@code gx} and ∂c/∂y into {@code gy} (each the length of its point). */
    void gradient(double[] x, double[] y, double[] gx, double[] gy);

    /**
     * The cost matrix C_ij = c(x_i, y_j).
     *
     * @throws IllegalArgumentException when a cloud is empty or a cost is not finite
     */
    default CostMatrix matrix(double[][] x, double[][] y) {
        if (x.length == 0 || y.length == 0) {
            throw new IllegalArgumentException("a cost matrix needs at least one source and one target point, got "
                    + x.length + " and " + y.length);
        }
        double[] v = new double[x.length * y.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                v[i * y.length + j] = cost(x[i], y[j]);
            }
        }
        return new CostMatrix(x.length, y.length, v);
    }

    /** c(x, y) = ½|x − y|², the convention of geomloss ({@code p = 2}) and of W₂²/2. */
    SquaredEuclidean HALF_SQUARED_EUCLIDEAN = new SquaredEuclidean(0.5);

    /** c(x, y) = |x − y|², the convention of W₂² (and of the Lagrangian-OT paper's evaluation). */
    SquaredEuclidean SQUARED_EUCLIDEAN = new SquaredEuclidean(1);

    /**
     * c(x, y) = s·|x − y|², with ∂c/∂x = 2s(x − y) = −∂c/∂y.
     *
     * @param scale s &gt; 0 (½ or 1 by convention: {@link #HALF_SQUARED_EUCLIDEAN}, {@link #SQUARED_EUCLIDEAN})
     */
    record SquaredEuclidean(double scale) implements PointCost {

        public SquaredEuclidean {
            if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("the scale of a squared Euclidean cost must be positive and finite, got "
                        + scale);
            }
        }

        @Override
        public double cost(double[] x, double[] y) {
            check(x, y);
            double s = 0;
            for (int d = 0; d < x.length; d++) {
                double e = x[d] - y[d];
                s += e * e;
            }
            return scale * s;
        }

        @Override
        public void gradient(double[] x, double[] y, double[] gx, double[] gy) {
            check(x, y);
            for (int d = 0; d < x.length; d++) {
                double e = 2 * scale * (x[d] - y[d]);
                gx[d] = e;
                gy[d] = -e;
            }
        }

        private static void check(double[] x, double[] y) {
            if (x.length != y.length) {
                throw new IllegalArgumentException("points of different dimension: " + x.length + " and " + y.length);
            }
        }
    }
}
