package geo.spark.job;

import java.io.Serializable;

/**
 * One row of the distance job's input: its number (the file's line for CSV, 1-based; the row's
 * position for Parquet, 1-based), the points, and why it is not a pair when it is not (then
 * {@code x} and {@code y} are empty).
 *
 * @param bad empty for a readable pair, else the reason (e.g. "expected 4 numbers (x0,x1,y0,y1), got 3")
 */
public record PairInput(long row, double[] x, double[] y, String bad) implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final double[] NONE = new double[0];

    static PairInput bad(long row, String why) {
        return new PairInput(row, NONE, NONE, why);
    }

    boolean readable() {
        return bad.isEmpty();
    }
}
