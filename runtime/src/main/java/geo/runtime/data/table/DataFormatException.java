package geo.runtime.data.table;

import java.io.IOException;

/**
 * Data that cannot be used: a file that is not a numeric table, or a table whose columns do not
 * fit the inputs they are bound to. An {@link IOException}, so a caller that reads a file handles
 * a bad file and an unreadable one in one place. The message is {@code source:line: what is wrong}
 * (with the column's name where one is at fault); {@link #kind()} says which rule was broken.
 */
public final class DataFormatException extends IOException {

    /** The rules a data file can break. */
    public enum Kind {
        /** No header, or a header and no rows. */
        EMPTY,
        /** A row with more or fewer cells than the header has columns. */
        RAGGED,
        /** A cell that is not a decimal number (or is empty). */
        NOT_A_NUMBER,
        /** A cell that is NaN or infinite, or overflows a double. */
        NOT_FINITE,
        /** Two header cells with the same name, or one input element named twice (e.g. {@code x[0]} and {@code x0}). */
        DUPLICATE_COLUMN,
        /** An input element no column gives. */
        MISSING_COLUMN,
        /** A column that names no data input (or names a noise input, which is drawn, never read). */
        UNKNOWN_COLUMN
    }

    private final String source;
    private final int line;
    private final String column;
    private final Kind kind;

    /**
     * @param source the file name (or another name of the input) for the message
     * @param line   the 1-based line number, or 0 when the problem is the input as a whole
     * @param column the column at fault, or null
     * @param kind   the rule broken
     * @param what   what is wrong
     */
    public DataFormatException(String source, int line, String column, Kind kind, String what) {
        super(source + (line > 0 ? ":" + line : "") + ": " + (column != null ? "column '" + column + "': " : "") + what);
        this.source = source;
        this.line = line;
        this.column = column;
        this.kind = kind;
    }

    /** The name of the input. */
    public String source() {
        return source;
    }

    /** The 1-based line, or 0 for a problem of the whole input. */
    public int line() {
        return line;
    }

    /** The column at fault, or null. */
    public String column() {
        return column;
    }

    /** The rule broken. */
    public Kind kind() {
        return kind;
    }
}
