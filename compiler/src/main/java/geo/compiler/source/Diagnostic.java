package geo.compiler.source;

import java.util.List;

/**
 * One message about a place in the source, with optional notes pointing at related places
 * (for example the earlier definition of a duplicated name).
 *
 * @param severity error, warning or note
 * @param span     where; the caret is drawn under it
 * @param message  the text, lower case, without a trailing period
 * @param notes    related places, printed after the message
 */
public record Diagnostic(Severity severity, SourceSpan span, String message, List<Diagnostic> notes) {

    public Diagnostic {
        notes = List.copyOf(notes);
    }

    /** The first line of the rendering: {@code file:line:col: severity: message}. */
    public String headline() {
        return span.where() + ": " + severity.label() + ": " + message;
    }

    /**
     * The full rendering: the headline, the source line, and a caret under the span
     * (tildes continue it to the end of the span on that line), then each note the same way.
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        render(out);
        return out.toString();
    }

    /** Longest source line shown in full; longer lines are shown as a window around the caret. */
    public static final int MAX_LINE = 120;
    /** How many code points of a long line are shown before the caret. */
    static final int BEFORE_CARET = 40;

    private void render(StringBuilder out) {
        out.append(headline()).append('\n');
        String text = span.file().line(span.line());
        if (!text.isEmpty() || span.column() == 1) {
            int[] cps = text.codePoints().toArray();
            int start = span.column() - 1;
            int end = span.endLine() == span.line() ? span.endColumn() - 1 : cps.length;
            int from = 0;
            int to = cps.length;
            if (cps.length > MAX_LINE) {
                // A window of MAX_LINE code points with the caret BEFORE_CARET from its left end.
                from = Math.max(0, Math.min(start - BEFORE_CARET, cps.length - MAX_LINE));
                to = Math.min(cps.length, from + MAX_LINE);
            }
            String left = from > 0 ? "\u2026" : "";
            out.append(left).append(new String(cps, from, to - from)).append(to < cps.length ? "\u2026" : "")
                    .append('\n');
            out.append(left.isEmpty() ? "" : " ").append(caretLine(cps, from, to, start, end)).append('\n');
        }
        for (Diagnostic note : notes) {
            note.render(out);
        }
    }

    /** The caret under column {@code start} and tildes to {@code end}, for the shown window [from, to). */
    private static String caretLine(int[] cps, int from, int to, int start, int end) {
        StringBuilder caret = new StringBuilder();
        for (int i = from; i < start; i++) {
            caret.append(i < cps.length && cps[i] == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        for (int i = start + 1; i < Math.min(end, to); i++) {
            caret.append('~');
        }
        return caret.toString();
    }
}
