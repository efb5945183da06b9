package geo.cli.language;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo.Outcome;
import geo.cli.common.ExitCodes;
import geo.runtime.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geo check} through {@link Main#run}: output, diagnostics and exit codes. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void cleanFileExitsZeroWithASummary() throws IOException {
        Path f = write("ball.geo", "manifold Ball {\n  coords x[2] in ball(1);\n"
                + "  metric g = (2 / (1 - dot(x, x)))^2 * eye(2);\n}\n");
        Outcome o = geo("check", f.toString());
        assertEquals(0, o.exit(), o.err());
        assertEquals(f + ": ok (manifold Ball: 2 coordinates, metric)\n", o.out());
        assertEquals("", o.err());
    }

    @Test
    void errorsGoToStderrWithCaretAndExit65() throws IOException {
        Path f = write("bad.geo", "manifold M {\n  coords x[2];\n  metric g = y * eye(3);\n}\n");
        Outcome o = geo("check", f.toString());
        assertEquals(ExitCodes.COMPILE_ERROR, o.exit());
        assertEquals("", o.out());
        assertEquals(f + ":3:14: error: undefined name 'y'\n"
                + "  metric g = y * eye(3);\n"
                + "             ^\n"
                + f + ": 1 error\n", o.err());
    }

    @Test
    void everyFileIsCheckedAndTheWorstExitWins() throws IOException {
        Path good = write("good.geo", "manifold G {\n  coords r, theta;\n  metric g = diag([1, r^2]);\n}\n");
        Path bad = write("bad.geo", "let a = [1, 2] * [3, 4];\nlet b = a +;\n");
        Outcome o = geo("check", bad.toString(), good.toString());
        assertEquals(ExitCodes.COMPILE_ERROR, o.exit());
        assertTrue(o.out().contains(good + ": ok"), o.out());
        assertTrue(o.err().contains(bad + ":2:12: error: expected an expression, found ';'"), o.err());
    }

    @Test
    void warningsAloneStillExitZero() throws IOException {
        Path f = write("w.geo", "manifold W {\n  coords x[2];\n  lagrangian L(v) = dot(x, x);\n}\n");
        Outcome o = geo("check", f.toString());
        assertEquals(0, o.exit());
        assertTrue(o.err().contains(":3:14: warning: lagrangian 'L' does not depend on the velocity 'v'"), o.err());
    }

    @Test
    void missingFileIsAUsageError() {
        Outcome o = geo("check", dir.resolve("nope.geo").toString());
        assertEquals(ExitCodes.USAGE, o.exit());
        assertEquals("geo check: cannot read " + dir.resolve("nope.geo") + ": no such file\n", o.err());
    }

    @Test
    void usageErrorsExit64WithoutStackTraces() {
        Outcome noFile = geo("check");
        assertEquals(ExitCodes.USAGE, noFile.exit());
        assertTrue(noFile.err().contains("Missing required parameter: 'FILE'"), noFile.err());
        Outcome badOption = geo("check", "--frobnicate", "x.geo");
        assertEquals(ExitCodes.USAGE, badOption.exit());
        assertTrue(badOption.err().contains("Unknown option: '--frobnicate'"), badOption.err());
        Outcome badCommand = geo("chek");
        assertEquals(ExitCodes.USAGE, badCommand.exit());
        assertTrue(badCommand.err().contains("Did you mean"), badCommand.err());
        for (Outcome o : new Outcome[] {noFile, badOption, badCommand}) {
            assertFalse(o.err().contains("\tat "), o.err());
        }
    }

    @Test
    void helpAndVersion() {
        Outcome help = geo("check", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Usage: geo check"), help.out());
        Outcome version = geo("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("geo 0."), version.out());
        Outcome bare = geo();
        assertEquals(ExitCodes.USAGE, bare.exit());
        assertTrue(bare.err().contains("Usage: geo"), bare.err());
    }

    /** --json: one document on standard output, nothing on standard error, diagnostics as objects with notes. */
    @Test
    void jsonDescribesDiagnosticsAndDeclarations() throws IOException {
        Path bad = write("dup.geo", "let a = 1;\nlet a = 2;\n");
        Path good = write("ball.geo", "manifold Ball {\n  coords x[2] in ball(1);\n  param c = 2;\n"
                + "  metric g = (c / (1 - dot(x, x)))^2 * eye(2);\n}\nloss fit(y[2]) = dot(y, y);\n");
        Path missing = dir.resolve("nope.geo");
        Outcome o = geo("check", "--json", bad.toString(), good.toString(), missing.toString());
        assertEquals(ExitCodes.USAGE, o.exit());
        assertEquals("geo check: cannot read " + missing + ": no such file\n", o.err());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(o.out());
        assertEquals(1.0, doc.get("errors"));
        assertEquals(0.0, doc.get("warnings"));
        assertEquals(64.0, doc.get("exitCode"));
        List<?> files = (List<?>) doc.get("files");
        Map<?, ?> dup = (Map<?, ?>) files.get(0);
        assertEquals(false, dup.get("ok"));
        Map<?, ?> error = (Map<?, ?>) ((List<?>) dup.get("diagnostics")).get(0);
        assertEquals(bad.toString(), error.get("file"));
        assertEquals(2.0, error.get("line"));
        assertEquals(5.0, error.get("column"));
        assertEquals("error", error.get("severity"));
        assertTrue(((String) error.get("message")).startsWith("duplicate definition of 'a'"), error.toString());
        Map<?, ?> note = (Map<?, ?>) ((List<?>) error.get("notes")).get(0);
        assertEquals(List.of(1.0, 5.0, "note", "'a' is first defined here"),
                List.of(note.get("line"), note.get("column"), note.get("severity"), note.get("message")));
        Map<?, ?> ball = (Map<?, ?>) files.get(1);
        assertEquals(true, ball.get("ok"));
        Map<?, ?> manifold = (Map<?, ?>) ((List<?>) ball.get("manifolds")).get(0);
        assertEquals(List.of("Ball", 2.0, List.of("metric"), 1.0),
                List.of(manifold.get("name"), manifold.get("dimension"), manifold.get("kinds"), manifold.get("parameters")));
        assertEquals(List.of("fit"), ball.get("losses"));
        assertEquals("cannot read " + missing + ": no such file", ((Map<?, ?>) files.get(2)).get("error"));
    }

    /** Fns are counted in the summary and listed under --json, those inside a manifold too. */
    @Test
    void fnsAreSummarisedAndListed() throws IOException {
        Path f = write("fns.geo", "param W[2, 2] = 1;\nfn lin(x[2]) = W * x;\nloss l(x[2], y[2]) = dot(lin(x) - y, x);\n"
                + "manifold M {\n  coords p[2];\n  fn quad(z) = z^2;\n  metric g = eye(2) * quad(2);\n}\n");
        Outcome o = geo("check", f.toString());
        assertEquals(0, o.exit(), o.err());
        assertEquals(f + ": ok (manifold M: 2 coordinates, metric, 4 parameters; 1 loss; 2 functions)\n", o.out());
        Outcome json = geo("check", "--json", f.toString());
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(json.out())).get("files")).get(0);
        assertEquals(List.of("lin", "quad"), entry.get("functions"));
        assertEquals(List.of("l"), entry.get("losses"));
    }
}
