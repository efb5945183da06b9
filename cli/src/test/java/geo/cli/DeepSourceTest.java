package geo.cli;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo.Outcome;
import geo.cli.common.ExitCodes;
import geo.compiler.parse.SourceParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stage after parsing handles any depth {@code geo check} accepts (issue 13, item 7):
 * bracket nesting at the parser's limit, long operator and unary chains, deep calls, and long
 * chains of lets and defs go through {@code show} (text, LaTeX, JSON, values at a point) and
 * {@code compile} without a StackOverflowError. The tests run on the test thread's ordinary
 * stack: the lowering (which follows the source) runs on the compiler's deep-stack thread, and
 * the stages after it traverse the DAG iteratively.
 */
class DeepSourceTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** {@code check} accepts the file; every {@code show} form and {@code compile} succeed. */
    private void allStages(String name, String text, boolean compile) throws IOException {
        Path f = write(name, text);
        Outcome c = geo("check", f.toString());
        assertEquals(ExitCodes.OK, c.exit(), c.err());
        for (List<String> options : List.<List<String>>of(List.of(), List.of("--metric", "--christoffel", "--spray", "--curvature",
                "--euler-lagrange", "--at", "0.1,0.2"), List.of("--latex", "--christoffel"), List.of("--json"))) {
            String[] args = new String[options.size() + 2];
            args[0] = "show";
            args[1] = f.toString();
            for (int i = 0; i < options.size(); i++) {
                args[i + 2] = options.get(i);
            }
            Outcome s = geo(args);
            assertEquals(ExitCodes.OK, s.exit(), "show " + options + ": " + s.err());
            assertFalse(s.err().contains("Error"), s.err());
        }
        if (compile) {
            Outcome o = geo("compile", f.toString(), "-o", dir.resolve(name + ".jar").toString());
            assertEquals(ExitCodes.OK, o.exit(), o.err());
            assertTrue(Files.size(dir.resolve(name + ".jar")) > 0);
        }
    }

    /** Brackets nested exactly as deep as the parser allows (the manifold's brace and x[0] are a level each). */
    @Test
    void bracketsAtTheNestingLimit() throws IOException {
        int depth = SourceParser.MAX_NESTING - 2;
        allStages("brackets.geo", "manifold M { coords x[2]; metric g = " + "(".repeat(depth) + "1 + x[0]*x[0]"
                + ")".repeat(depth) + " * eye(2); }\n", true);
    }

    /** The reproducer, and a chain seven times longer. */
    @Test
    void unaryMinusChains() throws IOException {
        allStages("minus.geo", "manifold M { coords x[2]; metric g = (" + "-".repeat(3000) + "1) * eye(2); }\n", true);
        allStages("minus2.geo", "manifold M { coords x[2]; metric g = (2 + " + "-".repeat(20_000)
                + "x[0]*x[0]) * eye(2); }\n", true);
    }

    /** 10,000 terms of a sum and 10,000 factors of a product: no brackets, a 10,000-deep AST. */
    @Test
    void longOperatorChains() throws IOException {
        allStages("product.geo", "manifold M { coords x[2]; metric g = (1 + x[0]*x[0]" + " * 1.0001".repeat(10_000)
                + ") * eye(2); }\n", true);
        allStages("sum.geo", "manifold M { coords x[2]; metric g = (1 + " + "x[0]*x[0] + ".repeat(9_999)
                + "x[1]*x[1]) * eye(2); }\n", true);
    }

    /** 3,000 nested calls, in a metric and in a Lagrangian. */
    @Test
    void deepCalls() throws IOException {
        String sin = "sin(".repeat(3000) + "x[0]" + ")".repeat(3000);
        allStages("calls.geo", "manifold M { coords x[2]; metric g = (2 + " + sin + ") * eye(2); }\n", true);
        allStages("lagrangian.geo", "manifold M { coords x[2]; lagrangian L(v) = 0.5 * dot(v, v) + " + sin + "; }\n",
                true);
    }

    /** A chain of 10,000 lets and of 3,000 defs. */
    @Test
    void chainsOfLetsAndDefs() throws IOException {
        StringBuilder lets = new StringBuilder("manifold M {\n  coords x[2];\n  let a0 = 1 + x[0]*x[0];\n");
        for (int i = 1; i < 10_000; i++) {
            lets.append("  let a").append(i).append(" = a").append(i - 1).append(" * 1.0001;\n");
        }
        lets.append("  metric g = a9999 * eye(2);\n}\n");
        allStages("lets.geo", lets.toString(), true);
        StringBuilder defs = new StringBuilder("def f0(p) = p * 1.001;\n");
        for (int i = 1; i < 3000; i++) {
            defs.append("def f").append(i).append("(p) = f").append(i - 1).append("(p) + 1;\n");
        }
        defs.append("manifold M { coords x[2]; metric g = (1 + f2999(x[0])*f2999(x[0])) * eye(2); }\n");
        allStages("defs.geo", defs.toString(), true);
    }

    /** A loss 3,000 calls deep compiles (losses are lowered only after the checks). */
    @Test
    void deepLoss() throws IOException {
        Path f = write("loss.geo", "loss l(a[2]) = " + "tanh(".repeat(3000) + "a[0]" + ")".repeat(3000) + ";\n");
        Outcome o = geo("compile", f.toString(), "-o", dir.resolve("loss.jar").toString());
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        Outcome s = geo("show", f.toString(), "--json");
        assertEquals(ExitCodes.OK, s.exit(), s.err());
    }
}
