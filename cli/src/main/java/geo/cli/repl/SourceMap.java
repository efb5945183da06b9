package geo.cli.repl;

import geo.compiler.source.Diagnostic;
import geo.compiler.source.SourceFile;
import geo.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * A source text put together from pieces (lines the user typed, a loaded file, and a few lines
 * of our own such as {@code manifold Session {}) and, for each of its lines, where that line came
 * from. The compiler only ever sees the whole text; its diagnostics are mapped back through this
 * map so that they point at what the user wrote: {@code <repl>:3:14}, or the loaded file.
 */
final class SourceMap {

    /** The text typed at the prompt: one line of it per input line, numbered from 1 over the session. */
    static final Origin REPL = new Origin(null);

    /**
     * Where a piece of text came from: a file, or the REPL's input ({@link #REPL}), whose text
     * grows as the session goes on and is supplied when mapping.
     */
    record Origin(SourceFile file) {
    }

    /**
     * Where one line of the built text came from.
     *
     * @param origin      the file or the REPL, or null for a line of our own
     * @param line        the line number in the origin
     * @param columnDelta added to a column of the built line to get the column in the origin
     */
    record Line(Origin origin, int line, int columnDelta) {
    }

    private final String text;
    private final List<Line> lines;
    private final List<String> builtLines;

    private SourceMap(String text, List<Line> lines) {
        this.text = text;
        this.lines = List.copyOf(lines);
        this.builtLines = List.of(text.split("\n", -1));
    }

    /** The whole text, with {@code \n} line ends. */
    String text() {
        return text;
    }

    /**
     * True when {@code span}, in the source file {@code built} that holds {@link #text()}, starts
     * on a line of our own rather than on something the user wrote.
     */
    boolean synthetic(SourceSpan span, SourceFile built) {
        return span.file().equals(built) && line(span.line()).origin() == null;
    }

    /**
     * {@code d} (and its notes) moved to where the user wrote it. A span on a line of our own
     * stays in the built text, shown under the name {@code syntheticName}. Spans in other files
     * (imported ones) are left as they are.
     *
     * @param built the source file the compiler was given, holding {@link #text()}
     * @param repl  the REPL's input so far, which REPL lines are shown from
     */
    Diagnostic map(Diagnostic d, SourceFile built, SourceFile repl, String syntheticName) {
        List<Diagnostic> notes = new ArrayList<>();
        for (Diagnostic n : d.notes()) {
            notes.add(map(n, built, repl, syntheticName));
        }
        SourceSpan span = d.span().file().equals(built) ? map(d.span(), repl, syntheticName) : d.span();
        return new Diagnostic(d.severity(), span, d.message(), notes);
    }

    /**
     * {@code d} mapped as by {@link #map}, except that a span on a line of our own is moved to
     * just after the end of the nearest user line before it. For parsing a single input wrapped
     * in lines of our own, where "expected ';'" at the wrapper's closing line means "at the end
     * of what you typed".
     */
    Diagnostic mapToInput(Diagnostic d, SourceFile repl) {
        SourceSpan s = d.span();
        int line = s.line();
        while (line > 1 && line(line).origin() == null) {
            line--;
        }
        if (line != s.line() && line(line).origin() != null) {
            int end = builtLines.get(line - 1).codePointCount(0, builtLines.get(line - 1).length()) + 1;
            s = SourceSpan.point(s.file(), line, end);
        }
        return new Diagnostic(d.severity(), map(s, repl, "<input>"), d.message(), List.of());
    }

    private SourceSpan map(SourceSpan s, SourceFile repl, String syntheticName) {
        Line start = line(s.line());
        if (start.origin() == null) {
            return new SourceSpan(new SourceFile(syntheticName, null, text), s.line(), s.column(), s.endLine(),
                    s.endColumn());
        }
        SourceFile file = start.origin() == REPL ? repl : start.origin().file();
        int line = start.line();
        int column = Math.max(1, s.column() + start.columnDelta());
        Line end = line(s.endLine());
        if (end.origin() != start.origin()) {
            return SourceSpan.point(file, line, column);
        }
        return new SourceSpan(file, line, column, end.line(), Math.max(1, s.endColumn() + end.columnDelta()));
    }

    private Line line(int number) {
        if (number < 1 || number > lines.size()) {
            return new Line(null, number, 0);
        }
        return lines.get(number - 1);
    }

    /** Puts a text together piece by piece; every piece starts on a line of its own. */
    static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private final List<Line> lines = new ArrayList<>();

        /** Lines of our own, such as {@code manifold Session {}. */
        Builder synthetic(String piece) {
            return piece(piece, null, 1, 1, 0);
        }

        /**
         * Text from {@code origin}, whose first character is at ({@code line}, {@code column}) there,
         * with every non-blank line indented by {@code indent} spaces.
         */
        Builder piece(String piece, Origin origin, int line, int column, int indent) {
            if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                text.append('\n');
            }
            List<String> split = splitLines(piece);
            for (int i = 0; i < split.size(); i++) {
                String l = split.get(i);
                boolean last = i == split.size() - 1;
                if (last && l.isEmpty() && i > 0) {
                    break;
                }
                int pad = l.isBlank() ? 0 : indent;
                text.append(" ".repeat(pad)).append(l);
                if (!last) {
                    text.append('\n');
                }
                lines.add(new Line(origin, line + i, (i == 0 ? column - 1 : 0) - pad));
            }
            return this;
        }

        SourceMap build() {
            if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                text.append('\n');
            }
            return new SourceMap(text.toString(), lines);
        }

        /** Lines split at \n, \r\n and \r, as the lexer and {@link SourceFile#line} count them. */
        private static List<String> splitLines(String s) {
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\n' || c == '\r') {
                    out.add(s.substring(start, i));
                    if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                    start = i + 1;
                }
            }
            out.add(s.substring(start));
            return out;
        }
    }
}
