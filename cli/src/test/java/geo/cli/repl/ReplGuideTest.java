package geo.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The REPL guide (src/site/markdown/repl.md) stays true to the command table: its {@code :help}
 * transcript is exactly what {@code :help} prints, it has a section for every command, and every
 * command in the table is one the REPL runs.
 */
class ReplGuideTest {

    private static final Path GUIDE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().resolve("../src/site/markdown/repl.md").normalize();

    private static String repl(String script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(new String[] {"repl"}, new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpTranscriptInTheGuideIsWhatHelpPrints() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        int start = guide.indexOf("geo> :help\n");
        assertTrue(start >= 0, "the guide shows a :help transcript");
        int end = guide.indexOf("geo> :quit\n", start);
        String documented = guide.substring(start, end + "geo> :quit\n".length());
        // A script prints each prompt with the line it read, so the transcript compares directly.
        assertEquals(documented, repl(":help\n:quit\n"));
    }

    @Test
    void everyCommandHasASectionInTheGuide() throws IOException {
        List<String> headings = Files.readAllLines(GUIDE, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("### ")).toList();
        for (Commands.Spec spec : Commands.SPECS) {
            assertTrue(headings.stream().anyMatch(h -> h.contains("`" + spec.name() + "`") || h.contains("`" + spec.name()
                    + " ")), "repl.md has no ### section for " + spec.name() + ": " + headings);
        }
    }

    @Test
    void everyCommandInTheTableRuns() {
        for (Commands.Spec spec : Commands.SPECS) {
            String transcript = repl(spec.name() + "\n:quit\n");
            assertFalse(transcript.contains("unknown command"), spec.name() + ": " + transcript);
        }
    }

    @Test
    void helpNamesEverySectionOfShow() {
        String help = repl(":help\n");
        for (String section : Commands.SECTIONS) {
            assertTrue(help.contains(section), section + " in " + help);
        }
    }
}
