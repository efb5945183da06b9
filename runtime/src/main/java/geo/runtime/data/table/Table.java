package geo.runtime.data.table;

import java.util.List;

/**
 * A numeric table read from a file: named columns and rows of finite doubles, each row with the
 * line it came from (for messages).
 *
 * @param source     the file name, for messages
 * @param header     the column names, in file order, distinct
 * @param headerLine the 1-based line of the header
 * @param values     the cells, row-major: row r, column c at r·columns + c
 * @param lines      the 1-based line of every row
 */
public record Table(String source, List<String> header, int headerLine, double[] values, int[] lines) {

    public Table {
        header = List.copyOf(header);
        if (values.length != (long) header.size() * lines.length) {
            throw new IllegalArgumentException(values.length + " values are not " + lines.length + " rows of "
                    + header.size() + " columns");
        }
    }

    /** The number of rows. */
    public int rows() {
        return lines.length;
    }

    /** The number of columns. */
    public int columns() {
        return header.size();
    }

    /** The cell at row r, column c. */
    public double get(int r, int c) {
        return values[r * header.size() + c];
    }
}
