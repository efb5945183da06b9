package geo.runtime.transport;

/**
 * An n × m cost matrix C, row-major: C[i][j] = {@code values[i * cols + j]}, the cost of moving
 * mass from source point i to target point j. Every entry is finite. The array is not copied:
 * the caller must not modify it while a solver uses it.
 *
 * @param rows   n, the number of source points (≥ 1)
 * @param cols   m, the number of target points (≥ 1)
 * @param values the n·m entries
 */
public record CostMatrix(int rows, int cols, double[] values) {

    public CostMatrix {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a cost matrix needs at least one row and one column, got "
                    + rows + " × " + cols);
        }
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException("a " + rows + " × " + cols + " cost matrix needs " + (long) rows * cols
                    + " values, got " + values.length);
        }
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException("cost C[" + k / cols + "][" + k % cols + "] is " + values[k]
                        + "; costs must be finite");
            }
        }
    }

    /** C from rows of equal length (copied). */
    public static CostMatrix of(double[][] c) {
        int n = c.length;
        int m = n == 0 ? 0 : c[0].length;
        double[] v = new double[n * m];
        for (int i = 0; i < n; i++) {
            if (c[i].length != m) {
                throw new IllegalArgumentException("row " + i + " has " + c[i].length + " entries, row 0 has " + m);
            }
            System.arraycopy(c[i], 0, v, i * m, m);
        }
        return new CostMatrix(n, m, v);
    }

    /** C[i][j]. */
    public double get(int i, int j) {
        return values[i * cols + j];
    }

    /** max |C[i][j]|, the cost scale (ε is relative to it in the entropic solvers). */
    public double maxAbs() {
        double s = 0;
        for (double x : values) {
            s = Math.max(s, Math.abs(x));
        }
        return s;
    }
}
