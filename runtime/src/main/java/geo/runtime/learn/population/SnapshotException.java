package geo.runtime.learn.population;

import java.io.IOException;

/**
 * A snapshot file that is well-formed CSV but not a snapshot sequence. The message starts with
 * {@code file:line} (line 0: the file as a whole).
 */
public final class SnapshotException extends IOException {

    /** The rules a snapshot file can break. */
    public enum Kind {
        /** A column other than t, x0 … x(d−1) and family, or a missing t or x0. */
        COLUMNS,
        /** A t or family value that is not a non-negative integer. */
        NOT_AN_INDEX,
        /** A family with fewer than two snapshots, or a snapshot index missing between two others: a snapshot has no successor. */
        NO_SUCCESSOR,
        /** A snapshot with a single point (no distribution to transport). */
        ONE_POINT,
        /** Points whose dimension is not the model's. */
        DIMENSION
    }

    private final Kind kind;

    public SnapshotException(String source, int line, Kind kind, String what) {
        super(source + (line > 0 ? ":" + line : "") + ": " + what);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
