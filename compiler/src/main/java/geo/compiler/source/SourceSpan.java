package geo.compiler.source;

/**
 * A region of a source file: where an AST node, or the subject of a diagnostic, came from.
 * Lines and columns are 1-based; columns count Unicode code points, as the lexer does.
 * A span is at least one column wide so that a caret can always be drawn under it.
 *
 * @param file      the file the region belongs to
 * @param line      first line
 * @param column    first column
 * @param endLine   last line
 * @param endColumn column just past the last character on {@code endLine}
 */
public record SourceSpan(SourceFile file, int line, int column, int endLine, int endColumn) {

    public SourceSpan {
        if (endLine < line || (endLine == line && endColumn <= column)) {
            endLine = line;
            endColumn = column + 1;
        }
    }

    /** A one-column span. */
    public static SourceSpan point(SourceFile file, int line, int column) {
        return new SourceSpan(file, line, column, line, column + 1);
    }

    /** The smallest span covering both {@code this} and {@code other} (same file). */
    public SourceSpan to(SourceSpan other) {
        boolean otherEndsLater = other.endLine > endLine
                || (other.endLine == endLine && other.endColumn > endColumn);
        return new SourceSpan(file, line, column,
                otherEndsLater ? other.endLine : endLine,
                otherEndsLater ? other.endColumn : endColumn);
    }

    /** {@code name:line:col}, the prefix of a diagnostic. */
    public String where() {
        return file.displayName() + ":" + line + ":" + column;
    }

    @Override
    public String toString() {
        return where();
    }
}
