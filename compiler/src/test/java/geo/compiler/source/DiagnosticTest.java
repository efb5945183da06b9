package geo.compiler.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
