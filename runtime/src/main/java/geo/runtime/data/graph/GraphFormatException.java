package geo.runtime.data.graph;

import java.io.IOException;

/**
 * A line of an edge list that is not an edge. An {@link IOException}, so a caller that reads a
 * file handles a bad file and an unreadable one in one place. The message is
 * {@code source:line: what is wrong}.
 */
public final class GraphFormatException extends IOException {

    private final String source;
    private final int line;

    /**
     * @param source the file name (or another name of the input) for the message
     * @param line   the 1-based line number, or 0 when the problem is the input as a whole
     * @param what   what is wrong, e.g. {@code expected two node ids, found 3 fields}
     */
    public GraphFormatException(String source, int line, String what) {
        super(source + (line > 0 ? ":" + line : "") + ": " + what);
        this.source = source;
        this.line = line;
    }

    /** The name of the input. */
    public String source() {
        return source;
    }

    /** The 1-based line number, or 0 for a problem of the whole input (e.g. no edges). */
    public int line() {
        return line;
    }
}
