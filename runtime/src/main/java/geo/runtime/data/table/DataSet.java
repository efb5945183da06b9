package geo.runtime.data.table;

/**
 * Rows of a loss's or function's input slots, ready for its kernels: row r holds the
 * {@code width} input scalars at values[r·width …], in the descriptor's slot order, with the slots
 * of noise inputs left 0 (they are drawn at use). Made by {@link Columns#bind}.
 *
 * @param source the file the rows came from, for messages
 * @param width  the input count n of the loss or function
 * @param values the rows, row-major (not copied: treat as read only)
 * @param lines  the 1-based file line of every row
 */
public record DataSet(String source, int width, double[] values, int[] lines) {

    public DataSet {
        if (width < 0 || values.length != (long) width * lines.length) {
            throw new IllegalArgumentException(values.length + " values are not " + lines.length + " rows of " + width);
        }
    }

    /** The number of rows. */
    public int rows() {
        return lines.length;
    }

    /** Copies row r into {@code into} (length ≥ width). */
    public void row(int r, double[] into) {
        System.arraycopy(values, r * width, into, 0, width);
    }

    /** {@code source:line} of row r, for messages. */
    public String where(int r) {
        return source + ":" + lines[r];
    }

    /** The rows {@code indices[0]}, {@code indices[1]}, … in that order (a new data set). */
    public DataSet subset(int[] indices) {
        double[] v = new double[indices.length * width];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(values, indices[k] * width, v, k * width, width);
            l[k] = lines[indices[k]];
        }
        return new DataSet(source, width, v, l);
    }
}
