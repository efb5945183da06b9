package geo.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.source.Diagnostic;
import geo.compiler.source.Severity;
import geo.compiler.source.SourceFile;
import geo.compiler.source.SourceSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Positions in a built source map back to the typed line or the file they came from. */
class SourceMapTest {

    private static final SourceFile FILE = SourceFile.of("f.geo", "manifold M { coords x[2];\nmetric g = eye(2); }\n");
    private static final SourceFile REPL = SourceFile.of("<repl>", "coords y;\nlet a = 1 +\n    zz;");

    private static Diagnostic error(SourceFile built, int line, int column, int endColumn) {
        return new Diagnostic(Severity.ERROR, new SourceSpan(built, line, column, line, endColumn), "m", List.of());
    }

    @Test
    void indentedTypedLinesAndASplitFileLine() {
        int brace = FILE.text().lastIndexOf('}');
        SourceMap map = new SourceMap.Builder()
                .piece(FILE.text().substring(0, brace), new SourceMap.Origin(FILE), 1, 1, 0)
                .piece("let a = 1 +\n    zz;", SourceMap.REPL, 2, 1, 2)
                .piece(FILE.text().substring(brace), new SourceMap.Origin(FILE), 2, 20, 0)
                .build();
        assertEquals("manifold M { coords x[2];\nmetric g = eye(2); \n  let a = 1 +\n      zz;\n}\n", map.text());
        SourceFile built = SourceFile.of("built", map.text());

        Diagnostic onTyped = map.map(error(built, 4, 7, 9), built, REPL, "<s>");
        assertEquals("<repl>:3:5", onTyped.span().where());
        assertEquals(7, onTyped.span().endColumn());
        assertEquals("<repl>:3:5: error: m\n    zz;\n    ^~\n", onTyped.render());

        assertEquals("f.geo:2:8", map.map(error(built, 2, 8, 9), built, REPL, "<s>").span().where());
        assertEquals("f.geo:2:20", map.map(error(built, 5, 1, 2), built, REPL, "<s>").span().where(),
                "the rest of a split line keeps its columns");
        assertFalse(map.synthetic(new SourceSpan(built, 5, 1, 5, 2), built));
    }

    @Test
    void linesOfOurOwnAreSyntheticAndInputErrorsMoveToTheEndOfTheInput() {
        SourceMap map = new SourceMap.Builder().synthetic("manifold Input {").piece("let a = (1", SourceMap.REPL, 2, 1, 0)
                .synthetic("}").build();
        SourceFile built = SourceFile.of("built", map.text());
        assertTrue(map.synthetic(new SourceSpan(built, 1, 10, 1, 15), built));
        assertFalse(map.synthetic(new SourceSpan(SourceFile.of("other", ""), 1, 10, 1, 15), built),
                "spans in imported files are never ours");
        SourceFile repl = SourceFile.of("<repl>", "coords x[2];\nlet a = (1");
        assertEquals("<repl>:2:11", map.mapToInput(error(built, 3, 1, 2), repl).span().where());
        assertEquals("<session>:1:10", map.map(error(built, 1, 10, 15), built, repl, "<session>").span().where());
    }
}
