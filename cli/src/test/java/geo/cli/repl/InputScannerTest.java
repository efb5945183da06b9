package geo.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When an input goes on, what kind it is, and where a forgotten semicolon goes. */
class InputScannerTest {

    @Test
    void openBracketsAndTrailingOperatorsContinue() {
        assertTrue(InputScanner.incomplete("metric g = [[1, 0],"));
        assertTrue(InputScanner.incomplete("metric g = (1 +"));
        assertTrue(InputScanner.incomplete("let a = x[0] *"));
        assertTrue(InputScanner.incomplete("let a ="));
        assertTrue(InputScanner.incomplete("param W[2, 2] ~"));
        assertTrue(InputScanner.incomplete("coords x[2] in"));
        assertTrue(InputScanner.incomplete("manifold M {"));
        assertTrue(InputScanner.incomplete("let a = 1; /* a comment"));
    }

    @Test
    void balancedInputIsComplete() {
        assertFalse(InputScanner.incomplete("metric g = L * L'"), "a transpose is not an open quote");
        assertFalse(InputScanner.incomplete("let a = 1 // ( [ { in a comment"));
        assertFalse(InputScanner.incomplete("let a = 1 /* ( */"));
        assertFalse(InputScanner.incomplete("import \"a(b.geo\";"));
        assertFalse(InputScanner.incomplete("let a = -x"));
        assertFalse(InputScanner.incomplete("let a = 1)"), "more closers than openers: the parser reports it");
        assertFalse(InputScanner.incomplete(""));
        assertFalse(InputScanner.incomplete(":show ("), "commands are one line");
    }

    @Test
    void kindsByFirstToken() {
        assertEquals(InputScanner.Kind.BLANK, InputScanner.classify("   // only a comment"));
        assertEquals(InputScanner.Kind.COMMAND, InputScanner.classify("  :show"));
        for (String k : new String[] {"coords", "param", "let", "def", "metric", "lagrangian", "loss"}) {
            assertEquals(InputScanner.Kind.MEMBER, InputScanner.classify("/* c */ " + k + " a"), k);
        }
        assertEquals(InputScanner.Kind.TOP_LEVEL, InputScanner.classify("manifold M {}"));
        assertEquals(InputScanner.Kind.TOP_LEVEL, InputScanner.classify("import \"a.geo\";"));
        assertEquals(InputScanner.Kind.EXPRESSION, InputScanner.classify("exp([0.1, 0.2], [1, 0])"));
        assertEquals(InputScanner.Kind.EXPRESSION, InputScanner.classify("letter + 1"), "a name that starts like a keyword");
    }

    @Test
    void semicolonGoesAfterTheLastTokenNotIntoAComment() {
        assertEquals("let a = 1; // one", InputScanner.withSemicolon("let a = 1 // one"));
        assertEquals("let a = 1;", InputScanner.withSemicolon("let a = 1;"));
        assertEquals("manifold M { coords x[2]; metric g = eye(2); }",
                InputScanner.withSemicolon("manifold M { coords x[2]; metric g = eye(2); }"));
        assertEquals("let π = 3;", InputScanner.withSemicolon("let π = 3"));
        assertEquals("let 𝛼 = 3;", InputScanner.withSemicolon("let 𝛼 = 3"), "code points beyond the BMP");
        assertEquals("let a = (1", InputScanner.withSemicolon("let a = (1"), "an unfinished input is left alone");
        assertEquals("exp(x, v) ", InputScanner.withoutSemicolon("exp(x, v) ; // why not"));
        assertEquals("exp(x, v)", InputScanner.withoutSemicolon("exp(x, v)"));
    }

    @Test
    void firstBraceIsFound() {
        InputScanner.Brace b = InputScanner.firstBrace("let a = 1;\n  } // {");
        assertEquals(new InputScanner.Brace("}", 2, 3), b);
        assertNull(InputScanner.firstBrace("let a = 1; // { }"));
    }
}
