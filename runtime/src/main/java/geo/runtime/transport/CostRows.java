package geo.runtime.transport;

/**
 * Where the Sinkhorn kernels read the rows of a cost matrix C: a stored matrix, or rows computed
 * on the fly from two point clouds, as KeOps and geomloss's "online" mode do (Feydy, <i>Geometric
 * data analysis, beyond convolutions</i>, PhD thesis, 2020, §3.2), so that a solve needs O(n + m)
 * memory for C instead of n·m and reads a few coordinates per entry instead of streaming the
 * matrix from memory at every half-iteration.
 *
 * <p>{@link #row} returns the array holding C_ij for j in [j0, j1) at index {@link #offset}(i) + j:
 * the stored matrix itself, or the caller's scratch (offset 0), which it then fills.
 */
sealed interface CostRows permits CostRows.Stored, CostRows.Points {

    int rows();

    int cols();

    /** The array holding row i's entries [j0, j1) at {@code offset(i) + j}; writes only {@code scratch[j0, j1)}. */
    double[] row(int i, int j0, int j1, double[] scratch);

    /** Where row i starts in the array {@link #row} returns. */
    int offset(int i);

    /** max |C_ij|. */
    double maxAbs();

    /** Cᵀ, read the same way. */
    CostRows transpose();

    /** Whether C = Cᵀ exactly. */
    boolean symmetric();

    /** A stored row-major matrix. */
    record Stored(int rows, int cols, double[] values) implements CostRows {

        Stored(CostMatrix c) {
            this(c.rows(), c.cols(), c.values());
        }

        @Override
        public double[] row(int i, int j0, int j1, double[] scratch) {
            return values;
        }

        @Override
        public int offset(int i) {
            return i * cols;
        }

        @Override
        public double maxAbs() {
            double s = 0;
            for (double x : values) {
                s = Math.max(s, Math.abs(x));
            }
            return s;
        }

        @Override
        public CostRows transpose() {
            return new Stored(cols, rows, LogSumExp.transpose(values, rows, cols));
        }

        @Override
        public boolean symmetric() {
            if (cols != rows) {
                return false;
            }
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < i; j++) {
                    if (values[i * cols + j] != values[j * cols + i]) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /**
     * C_ij = s·Σ_k (x_ik − y_jk)², computed row by row from the target coordinates stored by
     * coordinate (yt[k][j]), so that the loop over j is elementwise and vectorised; the sum over k
     * in order and the products rounded as {@link PointCost.SquaredEuclidean#cost} rounds them, so
     * the entries equal that cost's matrix bit for bit.
     *
     * @param x  the source points, x[i][k]
     * @param yt the target coordinates, yt[k][j]
     */
    record Points(double[][] x, double[][] yt, double scale) implements CostRows {

        /**
         * The rows of s·|x_i − y_j|² for point clouds x (n × d) and y (m × d).
         *
         * @throws IllegalArgumentException when a cloud is empty, the dimensions differ or a coordinate is not finite
         */
        static Points of(double[][] x, double[][] y, double scale) {
            check(x, y);
            int d = x[0].length;
            double[][] yt = new double[d][y.length];
            for (int j = 0; j < y.length; j++) {
                for (int k = 0; k < d; k++) {
                    yt[k][j] = y[j][k];
                }
            }
            return new Points(x, yt, scale);
        }

        /** Non-empty clouds of one dimension ≥ 1 with finite coordinates, else an IllegalArgumentException saying which. */
        private static void check(double[][] x, double[][] y) {
            if (x.length == 0 || y.length == 0) {
                throw new IllegalArgumentException("transport needs at least one source and one target point, got "
                        + x.length + " and " + y.length);
            }
            int d = x[0].length;
            if (d == 0) {
                throw new IllegalArgumentException("points need at least one coordinate");
            }
            for (int s = 0; s < 2; s++) {
                double[][] p = s == 0 ? x : y;
                String which = s == 0 ? "source" : "target";
                for (int i = 0; i < p.length; i++) {
                    if (p[i].length != d) {
                        throw new IllegalArgumentException(which + " point " + i + " has " + p[i].length
                                + " coordinates, source point 0 has " + d);
                    }
                    for (double v : p[i]) {
                        if (!Double.isFinite(v)) {
                            throw new IllegalArgumentException(which + " point " + i + " has the coordinate " + v
                                    + "; coordinates must be finite");
                        }
                    }
                }
            }
        }

        @Override
        public int rows() {
            return x.length;
        }

        @Override
        public int cols() {
            return yt[0].length;
        }

        @Override
        public double[] row(int i, int j0, int j1, double[] scratch) {
            double[] xi = x[i];
            double[] y0 = yt[0];
            double x0 = xi[0];
            for (int j = j0; j < j1; j++) {
                double e = x0 - y0[j];
                scratch[j] = e * e;
            }
            for (int k = 1; k < xi.length; k++) {
                double[] yk = yt[k];
                double xk = xi[k];
                for (int j = j0; j < j1; j++) {
                    double e = xk - yk[j];
                    scratch[j] += e * e;
                }
            }
            double s = scale;
            for (int j = j0; j < j1; j++) {
                scratch[j] *= s;
            }
            return scratch;
        }

        @Override
        public int offset(int i) {
            return 0;
        }

        @Override
        public double maxAbs() {
            double[] scratch = new double[cols()];
            double s = 0;
            for (int i = 0; i < rows(); i++) {
                row(i, 0, scratch.length, scratch);
                for (double v : scratch) {
                    s = Math.max(s, v);
                }
            }
            return s;
        }

        @Override
        public CostRows transpose() {
            int d = yt.length;
            double[][] y = new double[cols()][d];
            for (int j = 0; j < y.length; j++) {
                for (int k = 0; k < d; k++) {
                    y[j][k] = yt[k][j];
                }
            }
            return of(y, x, scale);
        }

        @Override
        public boolean symmetric() {
            if (rows() != cols()) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                for (int k = 0; k < yt.length; k++) {
                    if (x[i][k] != yt[k][i]) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
