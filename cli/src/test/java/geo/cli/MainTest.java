package geo.cli;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo.Outcome;
import geo.cli.common.ExitCodes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code geo} itself: every command has help, {@code geo help COMMAND} works, the version is printed. */
class MainTest {

    private static final List<String> COMMANDS = List.of("check", "show", "compile", "exp", "log", "dist", "geodesic",
            "repl");

    @Test
    void everyCommandHasHelpOnStandardOutput() {
        Outcome top = geo("--help");
        assertEquals(0, top.exit(), top.err());
        for (String command : COMMANDS) {
            assertTrue(top.out().contains("  " + command + " "), "geo --help lists " + command + ":\n" + top.out());
            Outcome help = geo(command, "--help");
            assertEquals(0, help.exit(), help.err());
            assertTrue(help.out().startsWith("Usage: geo " + command), help.out());
            assertEquals("", help.err());
            assertEquals(help.out(), geo("help", command).out());
        }
        assertTrue(geo("geodesic", "--help").out().contains("--n=N"));
        assertTrue(geo("dist", "--help").out().contains("--pairs=FILE.csv"));
        assertTrue(geo("compile", "--help").out().contains("--params=FILE.json"));
        assertTrue(geo("check", "--help").out().contains("--json"));
    }

    @Test
    void versionAndUnknownCommands() {
        Outcome version = geo("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().matches("geo \\d+\\.\\d+.*\n(.*\n)*"), version.out());
        assertTrue(version.out().contains("\nbuild " + geo.compiler.driver.BuildId.currentShort()
                + " (writes and reads model jars of format 2)\n"), version.out());
        Outcome unknown = geo("geodesics");
        assertEquals(ExitCodes.USAGE, unknown.exit());
        assertTrue(unknown.err().contains("Did you mean: geo geodesic"), unknown.err());
    }
}
