package geo.compiler.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rendering users see: headline, source line, caret and tildes under the span, notes. */
class DiagnosticTest {

    private final SourceFile file = SourceFile.of("m.geo", "manifold M {\n\tmetric g = y * eye(2);\r\n}");

    @Test
    void caretUnderTheSpanKeepsTabs() {
        Diagnostic d = new Diagnostic(Severity.ERROR, new SourceSpan(file, 2, 12, 2, 13), "undefined name 'y'",
                List.of());
        assertEquals("m.geo:2:12: error: undefined name 'y'\n"
                + "\tmetric g = y * eye(2);\n"
                + "\t          ^\n", d.render());
    }

    @Test
    void tildesContinueAMultiCharacterSpan() {
        Diagnostic d = new Diagnostic(Severity.WARNING, new SourceSpan(file, 2, 16, 2, 22), "text", List.of(
                Diagnostics.note(SourceSpan.point(file, 1, 10), "here")));
        assertEquals("m.geo:2:16: warning: text\n"
                + "\tmetric g = y * eye(2);\n"
                + "\t              ^~~~~~\n"
                + "m.geo:1:10: note: here\n"
                + "manifold M {\n"
                + "         ^\n", d.render());
    }

    @Test
    void diagnosticsAreSortedAndDeduplicated() {
        Diagnostics ds = new Diagnostics();
        ds.error(SourceSpan.point(file, 3, 1), "b");
        ds.error(SourceSpan.point(file, 1, 1), "a");
        ds.error(SourceSpan.point(file, 3, 1), "b");
        ds.warning(SourceSpan.point(file, 2, 2), "w");
        assertEquals(3, ds.sorted().size());
        assertEquals("a", ds.sorted().get(0).message());
        assertEquals(2, ds.errorCount());
    }

    /** A line longer than {@link Diagnostic#MAX_LINE} is shown as a window around the caret, with … marks. */
    @Test
    void longLinesShowAWindowAroundTheCaret() {
        String line = "x".repeat(5000) + "@@@" + "y".repeat(5000);
        SourceFile f = SourceFile.of("long.geo", "let a = 1;\n" + line + "\n");
        Diagnostic d = new Diagnostic(Severity.ERROR, new SourceSpan(f, 2, 5001, 2, 5004), "bad", List.of());
        String shown = "x".repeat(Diagnostic.BEFORE_CARET) + "@@@" + "y".repeat(Diagnostic.MAX_LINE - Diagnostic.BEFORE_CARET - 3);
        assertEquals("long.geo:2:5001: error: bad\n"
                + "\u2026" + shown + "\u2026\n"
                + " " + " ".repeat(Diagnostic.BEFORE_CARET) + "^~~\n", d.render());
    }

    /** At the start and at the end of a long line the window touches the line's end: one … mark. */
    @Test
    void longLinesAtTheirEnds() {
        String line = "a".repeat(300);
        SourceFile f = SourceFile.of("long.geo", line);
        String start = new Diagnostic(Severity.ERROR, new SourceSpan(f, 1, 1, 1, 400), "m", List.of()).render();
        assertEquals("long.geo:1:1: error: m\n" + "a".repeat(Diagnostic.MAX_LINE) + "\u2026\n^"
                + "~".repeat(Diagnostic.MAX_LINE - 1) + "\n", start);
        String end = new Diagnostic(Severity.ERROR, SourceSpan.point(f, 1, 301), "m", List.of()).render();
        assertEquals("long.geo:1:301: error: m\n\u2026" + "a".repeat(Diagnostic.MAX_LINE) + "\n "
                + " ".repeat(Diagnostic.MAX_LINE) + "^\n", end);
    }

    /** The first N errors by position are shown, then one line counts the rest; warnings are capped separately. */
    @Test
    void shownIsCappedPerSeverity() {
        Diagnostics ds = new Diagnostics();
        for (int i = 250; i >= 1; i--) {
            ds.error(SourceSpan.point(file, 1, i), "e" + i);
        }
        ds.warning(SourceSpan.point(file, 2, 1), "w");
        Diagnostics.Shown shown = ds.shown(100);
        assertEquals(101, shown.diagnostics().size());
        assertEquals("e1", shown.diagnostics().get(0).message());
        assertEquals("e100", shown.diagnostics().get(99).message());
        assertEquals(150, shown.hiddenErrors());
        assertEquals(0, shown.hiddenWarnings());
        assertTrue(shown.render().endsWith("\n150 more errors not shown\n"), shown.render());
        Diagnostic w1 = new Diagnostic(Severity.WARNING, SourceSpan.point(file, 1, 1), "w1", List.of());
        Diagnostic w2 = new Diagnostic(Severity.WARNING, SourceSpan.point(file, 1, 2), "w2", List.of());
        Diagnostics.Shown warnings = Diagnostics.shown(List.of(w1, w2), 1);
        assertEquals(List.of(w1), warnings.diagnostics());
        assertTrue(warnings.render().endsWith("^\n1 more warning not shown\n"), warnings.render());
        assertThrows(IllegalArgumentException.class, () -> ds.shown(0));
    }

    /** A file that is not UTF-8 text is refused with the offset of the first bad byte, not "Input length = 1". */
    @Test
    void notTextNamesTheFirstBadByte() {
        SourceFile.NotTextException png = assertThrows(SourceFile.NotTextException.class,
                () -> SourceFile.decode(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0}));
        assertEquals("not a UTF-8 text file: byte 0x89 at offset 0 is not UTF-8", png.getMessage());
        SourceFile.NotTextException jar = assertThrows(SourceFile.NotTextException.class,
                () -> SourceFile.decode(new byte[] {'P', 'K', 3, 4, 0, (byte) 0xff}));
        assertEquals("not a UTF-8 text file: a NUL byte at offset 4", jar.getMessage());
        SourceFile.NotTextException latin1 = assertThrows(SourceFile.NotTextException.class,
                () -> SourceFile.decode("let \u00e9 = 1;".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("not a UTF-8 text file: byte 0xE9 at offset 4 is not UTF-8", latin1.getMessage());
        SourceFile.NotTextException truncated = assertThrows(SourceFile.NotTextException.class,
                () -> SourceFile.decode(new byte[] {'a', (byte) 0xE2, (byte) 0x82}));
        assertEquals("not a UTF-8 text file: byte 0xE2 at offset 1 is not UTF-8", truncated.getMessage());
    }

    @Test
    void utf8TextDecodesAndLinesSplitAsTheLexerCounts() throws SourceFile.NotTextException {
        assertEquals("θ = 1 \u2026 \uD83D\uDE00", SourceFile.decode("θ = 1 \u2026 \uD83D\uDE00".getBytes(StandardCharsets.UTF_8)));
        SourceFile f = SourceFile.of("l.geo", "a\r\nb\rc\n\nd");
        assertEquals(List.of("a", "b", "c", "", "d", ""), List.of(f.line(1), f.line(2), f.line(3), f.line(4), f.line(5),
                f.line(6)));
        assertEquals("", f.line(0));
    }
}
