package geo.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Main;
import geo.cli.common.ExitCodes;
import geo.runtime.load.ModelSet;
import geo.runtime.load.Models;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole scripted session through {@code Main.run(["repl"], in, out, err)}, asserted against a
 * golden transcript: a metric over several lines, Christoffel symbols, values at a point, an
 * error that leaves the model as it was, save, reset, load, redefinition, LaTeX, compile, an
 * expression and quit. {@code src/test/resources/repl/session.in} is the input, with
 * {@code ${DIR}} for a fresh directory; {@code session.out} is the transcript. Run with
 * {@code -Dgeo.golden.update=true} to rewrite it, then review the diff.
 */
class ReplTranscriptTest {

    private static final boolean UPDATE = Boolean.getBoolean("geo.golden.update");
    private static final Path DIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().resolve("src/test/resources/repl");

    @TempDir
    Path work;

    @Test
    void scriptedSessionMatchesTheGoldenTranscript() throws IOException {
        String script = Files.readString(DIR.resolve("session.in"), StandardCharsets.UTF_8)
                .replace("${DIR}", work.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"repl"}, new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String transcript = out.toString(StandardCharsets.UTF_8).replace(work.toString(), "${DIR}");
        assertEquals(ExitCodes.OK, exit, err.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));

        Path golden = DIR.resolve("session.out");
        if (UPDATE) {
            Files.writeString(golden, transcript, StandardCharsets.UTF_8);
        } else {
            assertTrue(Files.exists(golden), "missing " + golden + "; run with -Dgeo.golden.update=true");
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), transcript);
        }

        Path saved = work.resolve("sphere.geo");
        ByteArrayOutputStream checkOut = new ByteArrayOutputStream();
        int checked = Main.run(new String[] {"check", saved.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(checkOut, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(ExitCodes.OK, checked, "geo check must accept what :save wrote");

        ModelSet models = Models.load(work.resolve("sphere.jar"));
        assertEquals(2, models.model("Session").dimension());
        assertEquals(1, models.model("Session").defaultParameters().length);
    }
}
