package geo.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.check.Shape;
import geo.compiler.parse.SourceParser;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Large and deeply nested input: fast, and never a StackOverflowError or a stack trace. */
class FrontendScaleTest {

    /**
     * 10,000 let lines, each using the previous one, are parsed and checked. The time target (under
     * 2 s, cold) is measured by {@code geo.bench.FrontendBenchmark} and recorded in bench/RESULTS.md;
     * here a generous bound only catches a blow-up (say, quadratic work), since a timed unit test
     * fails for no reason on a loaded machine.
     */
    /** The 10,000-let model (the same text as geo.bench.FrontendBenchmark's). */
    static String tenThousandLetSource() {
        StringBuilder src = new StringBuilder("manifold Big {\n  coords x[2];\n  let a0 = x;\n");
        for (int i = 1; i < 10_000; i++) {
            src.append("  let a").append(i).append(" = 0.5 * a").append(i - 1).append(" + sin(x) / ").append(i)
                    .append(";\n");
        }
        src.append("  metric g = (1 + dot(a9999, a9999)) * eye(2);\n}\n");
        return src.toString();
    }

    @Test
    void tenThousandLets() {
        String src = tenThousandLetSource();
        long start = System.nanoTime();
        Frontend.Result r = Frontend.check(SourceFile.of("big.geo", src));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(r.ok(), r.diagnostics().render());
        assertEquals(Shape.vector(2), r.program().shapes().get("Big.a9999"));
        assertTrue(seconds < 20.0, "10,000 lets took " + seconds + " s");
    }

    /** A 5,000-deep nested expression parses and checks. */
    @Test
    void fiveThousandDeepParentheses() {
        int depth = 5_000;
        String expr = "(1 + ".repeat(depth) + "x[0]" + ")".repeat(depth);
        Frontend.Result r = Frontend.check(SourceFile.of("deep.geo",
                "manifold D {\n  coords x[1];\n  metric g = [[" + expr + "]];\n}\n"));
        assertTrue(r.ok(), r.diagnostics().render());
    }

    /** 5,000 nested calls and 5,000 nested lists also parse. */
    @Test
    void fiveThousandDeepCallsAndUnaryMinus() {
        int depth = 5_000;
        String calls = "sin(".repeat(depth) + "x[0]" + ")".repeat(depth);
        String minus = "-".repeat(depth) + "x[0]";
        String powers = "x[0]^".repeat(depth) + "1";
        Frontend.Result r = Frontend.check(SourceFile.of("deep.geo",
                "manifold D {\n  coords x[1];\n  let a = " + calls + ";\n  let b = " + minus + ";\n  let c = "
                        + powers + ";\n  metric g = [[a + b + c]];\n}\n"));
        assertTrue(r.ok(), r.diagnostics().render());
    }

    /** Deeper than the limit: one clean diagnostic at the bracket that crosses it. */
    @Test
    void tooDeepIsADiagnostic() {
        int depth = SourceParser.MAX_NESTING + 5;
        String expr = "(".repeat(depth) + "1" + ")".repeat(depth);
        Frontend.Result r = Frontend.check(SourceFile.of("deeper.geo", "let a = " + expr + ";\n"));
        assertFalse(r.ok());
        List<Diagnostic> ds = r.diagnostics().sorted();
        assertEquals(1, ds.size());
        assertEquals("deeper.geo:1:" + (9 + SourceParser.MAX_NESTING) + ": error: expression nested too deeply "
                + "(more than " + SourceParser.MAX_NESTING + " levels of brackets)", ds.get(0).headline());
    }

    /** 200,000 unary minus signs have no brackets to count: either they check or they get a clean diagnostic. */
    @Test
    void absurdUnaryChainNeverThrows() {
        String minus = "-".repeat(200_000) + "1";
        Frontend.Result r = Frontend.check(SourceFile.of("minus.geo", "let a = " + minus + ";\n"));
        assertNotNull(r.diagnostics());
        if (!r.ok()) {
            assertTrue(r.diagnostics().render().contains("nested too deeply"), r.diagnostics().render());
        }
    }

    /**
     * Brackets left open or closed by the wrong bracket, thousands deep (found by the front-end
     * fuzz test: 9,439 '[' after a name took minutes), and nested indices, which the parser once
     * decided by looking past every index for a ':', are all linear now. The bound is generous;
     * the old code took minutes for each.
     */
    @Test
    void thousandsOfOpenBracketsAndNestedIndicesAreFast() {
        String[] sources = {
            "def layer(W, b, x) = tanh(W * x " + "[".repeat(9_000) + "1);\n",
            "let a = " + "(".repeat(9_000) + "1;\n",
            "let a = " + "[".repeat(5_000) + "1" + ")".repeat(5_000) + ";\n",
            "manifold M { coords x[2]; metric g = eye(2) * x" + "[x".repeat(4_000) + "[0" + "]".repeat(4_001) + "; }\n",
            // A syntax error after a long unary chain, and deep inside balanced brackets (the fuzzer's
            // 10,000 '-' took 3.5 s: ANTLR's prediction built an exception with a full stack trace per level).
            "let a = " + "-".repeat(20_000) + "1 A;\n",
            "let a = " + "(".repeat(8_000) + "1 +* 2" + ")".repeat(8_000) + ";\n",
        };
        for (String src : sources) {
            long start = System.nanoTime();
            Frontend.Result r = Frontend.check(SourceFile.of("open.geo", src));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertFalse(r.ok());
            assertEquals(1, r.diagnostics().errorCount(), r.diagnostics().render());
            assertTrue(seconds < 15.0, seconds + " s for " + src.substring(0, 40));
        }
    }
}
