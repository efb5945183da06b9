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

    private void render(StringBuilder out) {
        out.append(headline()).append('\n');
        String text = span.file().line(span.line());
        if (!text.isEmpty() || span.column() == 1) {
            out.append(text).append('\n');
            out.append(caretLine(text)).append('\n');
        }
        for (Diagnostic note : notes) {
            note.render(out);
        }
    }

    private String caretLine(String text) {
        StringBuilder caret = new StringBuilder();
        int[] cps = text.codePoints().toArray();
        int start = span.column() - 1;
        for (int i = 0; i < start; i++) {
            caret.append(i < cps.length && cps[i] == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        int end = span.endLine() == span.line() ? span.endColumn() - 1 : cps.length;
        for (int i = start + 1; i < Math.min(end, cps.length); i++) {
            caret.append('~');
        }
        return caret.toString();
    }
}
