package geo.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Main;
import geo.cli.common.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geo repl} through {@link Main#run} and {@link Repl#overStreams}: one behaviour per test. */
class ReplTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run geo(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The REPL's answers only (no prompts or echo). */
    private static String answers(String input) {
        Run r = geo(input, "repl", "--quiet");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals("", r.err());
        return r.out();
    }

    private static final String SPHERE = "coords theta, phi;\nmetric g = diag([1, sin(theta)^2]);\n";

    @Test
    void unknownCommandIsOneLineAndTheSessionGoesOn() {
        String out = answers(":frobnicate\n:model\n");
        assertEquals("error: unknown command ':frobnicate'; :help lists the commands\n// the session is empty\n", out);
    }

    @Test
    void ambiguousAndShortenedCommands() {
        assertEquals("error: ':s' is ambiguous: it could be :show, :save\n", answers(":s\n"));
        assertEquals("", answers(":q\ncoords x[2];\n"), ":q quits before the next line");
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        String out = answers(SPHERE + ":show frob\n:show --frob\n:at\n:at 1,x\n:at 1,2,3\n:save\n:model extra\n"
                + ":show --max-nodes 0\n:load \"unterminated\n");
        List<String> lines = out.lines().toList();
        assertEquals(List.of(
                "incomplete: manifold 'Session' has neither a metric nor a lagrangian",
                "ok: manifold Session: 2 coordinates (theta, phi), metric",
                "error: :show: unknown section 'frob'; sections: metric, christoffel, spray, curvature, euler-lagrange",
                "error: :show: unknown option '--frob'; options: --latex, --manifold, --max-nodes",
                "error: :at needs a point, e.g. :at 0.1,0.2",
                "error: :at: 'x' is not a number",
                "error: :at needs 2 numbers for manifold Session (theta, phi), got 3",
                "error: :save needs one argument, FILE.geo (quote a name with spaces in \"...\")",
                "error: :model takes no arguments, got 'extra'",
                "error: :show: --max-nodes needs a whole number of at least 1, got '0'",
                "error: unterminated quote in ':load \"unterminated'"), lines);
    }

    @Test
    void loadOfAMissingFileSaysSoAndKeepsTheModel() {
        String out = answers(SPHERE + ":load " + dir.resolve("nope.geo") + "\n:model\n");
        assertTrue(out.contains("error: cannot read " + dir.resolve("nope.geo") + ": no such file\n"), out);
        assertTrue(out.endsWith("manifold Session {\n  coords theta, phi;\n  metric g = diag([1, sin(theta)^2]);\n}\n"),
                out);
    }

    @Test
    void loadOfAFileWithErrorsPrintsThemAndKeepsTheModel() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.geo"), "manifold M {\n  coords x[2];\n  metric g = y * eye(2);\n}\n");
        String out = answers(SPHERE + ":load " + bad + "\n:model\n");
        assertTrue(out.contains(bad + ":3:14: error: undefined name 'y'\n  metric g = y * eye(2);\n             ^\n"
                + "error: " + bad + " has 1 error; the model is unchanged\n"), out);
        assertTrue(out.endsWith("  metric g = diag([1, sin(theta)^2]);\n}\n"), out);
    }

    @Test
    void endOfInputWithoutQuitExitsZero() {
        Run r = geo(SPHERE + ":model", "repl");
        assertEquals(ExitCodes.OK, r.exit());
        assertEquals("", r.err());
        assertTrue(r.out().endsWith("geo> :model\nmanifold Session {\n  coords theta, phi;\n"
                + "  metric g = diag([1, sin(theta)^2]);\n}\n"), r.out());
        assertEquals(ExitCodes.OK, geo("", "repl").exit());
    }

    @Test
    void expressionsAreEvaluatedBySolvers() {
        String out = answers(SPHERE + "exp([0.1, 0.2], [1, 0])\nlog([0.5, 0.2], [0.5, 0.4])\ndist([1, 0], [1.5, 0])\n"
                + "dist(x, y)\nexp(0.5)\n");
        List<String> lines = out.lines().skip(2).toList();
        assertEquals(5, lines.size(), out);
        // Along a meridian from theta = 0.1 with unit speed: theta = 1.1 at t = 1.
        String[] exp = lines.get(0).replace("exp = [", "").replace("]", "").split(", ");
        assertEquals(1.1, Double.parseDouble(exp[0]), 1e-10, out);
        assertEquals(0.2, Double.parseDouble(exp[1]), 1e-10, out);
        assertTrue(lines.get(1).startsWith("log = [") && lines.get(1).contains("CONVERGED"), out);
        assertTrue(lines.get(2).startsWith("dist = 0.5") || lines.get(2).startsWith("dist = 0.49999999999"), out);
        assertEquals("error: the first argument of dist must be a list of 2 numbers, such as [0.1, 0.2]", lines.get(3));
        assertTrue(lines.get(4).startsWith("error: cannot evaluate 'exp(0.5)': the REPL evaluates exp(x, v)"), out);
    }

    @Test
    void expressionWithASyntaxErrorPointsAtIt() {
        assertEquals("<repl>:1:15: error: unexpected ']'; expected ')' or ','\nexp([0.1, 0.2]], [1, 0])\n"
                + "              ^\n", answers("exp([0.1, 0.2]], [1, 0])\n"));
    }

    @Test
    void errorKeepsTheModelAsItWasAndPointsAtTheTypedLine() {
        String out = answers("coords x[2];\nmetric g = eye(2);\n\nlet h = x +\n        [1, 2, 3];\n:model\n");
        assertEquals("incomplete: manifold 'Session' has neither a metric nor a lagrangian\n"
                + "ok: manifold Session: 2 coordinates (x[2]), metric\n"
                + "<repl>:4:11: error: cannot add a vector of length 3 to a vector of length 2\n"
                + "let h = x +\n"
                + "          ^\n"
                + "manifold Session {\n  coords x[2];\n  metric g = eye(2);\n}\n", out);
    }

    @Test
    void redefinitionReplacesInPlace() {
        String out = answers("coords x[2];\nlet a = 1;\nmetric g = a * eye(2);\nlet a = 2\n:model\n");
        assertTrue(out.contains("redefined let a\nmanifold Session {\n  coords x[2];\n  let a = 2;\n"
                + "  metric g = a * eye(2);\n}\n"), out);
    }

    @Test
    void severalDeclarationsOnALineAreRedefinedOneByOne() {
        String out = answers("coords x[2]; let a = 1; metric g = a * eye(2);\nlet a = 3;\n:model\n");
        assertTrue(out.endsWith("redefined let a\nmanifold Session {\n  coords x[2];\n  let a = 3;\n"
                + "  metric g = a * eye(2);\n}\n"), out);
    }

    @Test
    void errorOnASecondDeclarationOfALinePointsAtItsColumn() {
        String out = answers("coords x[2]; let a = zz;\n");
        assertEquals("<repl>:1:22: error: undefined name 'zz'\ncoords x[2]; let a = zz;\n                     ^~\n", out);
    }

    @Test
    void incompleteModelsAreKeptButNotShownOrCompiled() {
        String out = answers("param k = 2;\n:show\n:compile " + dir.resolve("m.jar") + "\n:save " + dir.resolve("m.geo")
                + "\n");
        assertEquals("incomplete: manifold 'Session' declares no coordinates; add a line such as 'coords x[2];'\n"
                + "incomplete: manifold 'Session' has neither a metric nor a lagrangian\n"
                + "error: the model is incomplete: manifold 'Session' declares no coordinates; add a line such as"
                + " 'coords x[2];'; manifold 'Session' has neither a metric nor a lagrangian\n"
                + "error: the model is incomplete: manifold 'Session' declares no coordinates; add a line such as"
                + " 'coords x[2];'; manifold 'Session' has neither a metric nor a lagrangian\n"
                + "wrote " + dir.resolve("m.geo") + "; the model is incomplete: manifold 'Session' declares no"
                + " coordinates; add a line such as 'coords x[2];'; manifold 'Session' has neither a metric nor a"
                + " lagrangian\n", out);
        assertFalse(Files.exists(dir.resolve("m.jar")));
    }

    @Test
    void braceInAMemberIsExplained() {
        String out = answers("coords x[2]; }\n");
        assertEquals("<repl>:1:14: error: unexpected '}': declarations typed at the prompt go into the current"
                + " manifold; to declare another, type a whole 'manifold Name { ... }'\ncoords x[2]; }\n"
                + "             ^\n", out);
    }

    @Test
    void wholeManifoldsAreTopLevel() {
        String out = answers("manifold Flat {\n  coords y[3];\n  metric h = eye(3);\n}\n:show --manifold Flat spray\n");
        assertTrue(out.startsWith("ok: manifold Flat: 3 coordinates (y[3]), metric\nmanifold Flat: 3 coordinates"), out);
        assertTrue(out.contains("a^0 = 0"), out);
    }

    @Test
    void membersGoIntoTheLoadedFilesLastManifoldAndErrorsPointAtTheirLines() throws IOException {
        Path f = Files.writeString(dir.resolve("polar.geo"),
                "manifold Polar {\r\n  coords r, theta;\r\n  metric g = diag([1, r^2]); }\r\n");
        String out = answers(":load " + f + "\nlet e = r * 2 // no semicolon\nlet bad = e + zz\n:model\n");
        assertEquals("loaded " + f + ": manifold Polar: 2 coordinates (r, theta), metric\n"
                + "<repl>:3:15: error: undefined name 'zz'\nlet bad = e + zz\n              ^~\n"
                + "manifold Polar {\n  coords r, theta;\n  metric g = diag([1, r^2]);\n"
                + "  let e = r * 2; // no semicolon\n}\n", out);
    }

    @Test
    void redefiningWhatALoadedFileDeclaresIsExplained() throws IOException {
        Path f = Files.writeString(dir.resolve("s.geo"), "manifold S {\n" + SPHERE + "}\n");
        String out = answers(":load " + f + "\nmetric g = eye(2);\n");
        assertTrue(out.endsWith("note: what " + f + " declares cannot be redefined at the prompt; edit the file and"
                + " :load it again\n"), out);
        assertTrue(out.contains(f + ":3:8: note: the metric is declared here\n"), out);
    }

    @Test
    void commandLineEndsAnUnfinishedInputInAScript() {
        String out = answers("let c = (1 + 2\n:help\n");
        assertTrue(out.startsWith("<repl>:1:15: error: expected ')' at the end of the line\n"), out);
        assertTrue(out.contains("  :quit\n"), out);
    }

    @Test
    void helpListsEveryCommand() {
        String out = answers(":help\n");
        for (Commands.Spec s : Commands.SPECS) {
            assertTrue(out.contains("  " + s.usage() + "\n      " + s.help() + "\n"), s.name());
        }
    }

    @Test
    void fileArgumentIsLoadedFirst() throws IOException {
        Path f = Files.writeString(dir.resolve("s.geo"), "manifold S {\n" + SPHERE + "}\n");
        Run r = geo(":model\n", "repl", f.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().startsWith("loaded " + f + ": manifold S: 2 coordinates (theta, phi), metric\ngeo> :model\n"),
                r.out());
    }

    @Test
    void unreadableOrBrokenFileArgumentFailsToStart() throws IOException {
        Run missing = geo("", "repl", dir.resolve("nope.geo").toString());
        assertEquals(ExitCodes.USAGE, missing.exit());
        assertEquals("geo repl: cannot read " + dir.resolve("nope.geo") + ": no such file\n", missing.err());
        Path bad = Files.writeString(dir.resolve("bad.geo"), "manifold M {\n  coords x[2];\n}\n");
        Run broken = geo("", "repl", bad.toString());
        assertEquals(ExitCodes.COMPILE_ERROR, broken.exit());
        assertTrue(broken.err().startsWith(bad + ":1:10: error: manifold 'M' has neither a metric nor a lagrangian\n"),
                broken.err());
        assertEquals("", broken.out());
    }

    @Test
    void evaluatorHookGetsTheParsedExpressionAndTheModel() throws IOException {
        List<String> seen = new ArrayList<>();
        Evaluator probe = (expression, model) -> {
            seen.add(expression.callee() + "/" + expression.arguments().size() + "/" + model.ready());
            if (!model.ready()) {
                throw new EvaluationException(model.status());
            }
            return "dimension " + model.models().model("Session").dimension() + ", " + model.program().manifolds().size()
                    + " manifold";
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String input = "dist([0, 1], [1, 0]);\n" + SPHERE + "dist([0.1, 0.2], [0.3, 0.4])\n";
        try (Repl repl = Repl.overStreams(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false, probe)) {
            assertEquals(ExitCodes.OK, repl.run());
        }
        assertEquals(List.of("dist/2/false", "dist/2/true"), seen);
        assertEquals("error: the session is empty: declare coords and a metric, or :load a file\n"
                + "incomplete: manifold 'Session' has neither a metric nor a lagrangian\n"
                + "ok: manifold Session: 2 coordinates (theta, phi), metric\n"
                + "dimension 2, 1 manifold\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void internalErrorsOfAnEvaluatorDoNotEndTheSession() throws IOException {
        Evaluator broken = (expression, model) -> {
            throw new IllegalStateException("boom");
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Repl repl = Repl.overStreams(new ByteArrayInputStream("1 + 2\n:model\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false, broken)) {
            assertEquals(ExitCodes.OK, repl.run());
        }
        assertEquals("error: internal error: java.lang.IllegalStateException: boom (run with --debug for the stack"
                + " trace); the session goes on with the model as it was\n// the session is empty\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void debugPutsTheStackTraceOnStandardError() throws IOException {
        Evaluator broken = (expression, model) -> {
            throw new IllegalStateException("boom");
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Repl repl = Repl.overStreams(new ByteArrayInputStream("1 + 2\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, broken).debug(true)) {
            assertEquals(ExitCodes.OK, repl.run());
        }
        assertEquals("error: internal error: java.lang.IllegalStateException: boom; the session goes on with the model"
                + " as it was\n", out.toString(StandardCharsets.UTF_8));
        String trace = err.toString(StandardCharsets.UTF_8);
        assertTrue(trace.startsWith("java.lang.IllegalStateException: boom\n\tat "), trace);
    }

    @Test
    void quietPrintsNoPromptsAndDefaultEchoesInput() {
        assertEquals("geo> :model\n// the session is empty\n", geo(":model\n", "repl").out());
        assertEquals("// the session is empty\n", geo(":model\n", "repl", "-q").out());
    }

    @Test
    void replHasHelp() {
        Run r = geo("", "repl", "--help");
        assertEquals(ExitCodes.OK, r.exit());
        assertTrue(r.out().contains("Usage: geo repl [-hqV] [--debug] [FILE]"), r.out());
    }
}
