package geo.cli.learn.embed;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.cli.common.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code geo embed --base} (a learned metric on a closed-form base): bad combinations are usage errors, not stack traces. */
class EmbedBaseTest {

    private static final String EXAMPLES = Path.of("..", "examples", "graph-embedding").toString();

    @Test
    void badCombinationsAreUsageErrors() {
        String hyperbolic = Path.of(EXAMPLES, "deep2-hyperbolic.geo").toString();
        String[][] bad = {
            {"embed", "grid:2,2", "--space", "lorentz", "--dim", "2", "--base", "lorentz"},
            {"embed", "grid:2,2", "--model", hyperbolic, "--base", "lorentz", "--pretrain", "10"},
            {"embed", "grid:2,2", "--model", hyperbolic, "--base", "lorentz", "--base-finish", "0"},
            {"embed", "grid:2,2", "--model", hyperbolic, "--base", "lorentz", "--base-temperature", "0.001"},
            {"embed", "grid:2,2", "--model", hyperbolic, "--base", "torus"},
            {"embed", "grid:2,2", "--model", hyperbolic, "--base", "sphere", "--worst-case", "5",
                "--worst-case-method", "annealed"},
        };
        for (String[] args : bad) {
            Geo.Outcome o = geo(args);
            assertEquals(ExitCodes.USAGE, o.exit(), String.join(" ", args) + ": " + o.err());
            assertTrue(o.err().startsWith("geo embed: "), o.err());
            assertTrue(!o.err().contains("Exception"), o.err());
        }
    }

    /** A base whose curvature the model cannot carry (deep2.geo has no logc) is a usage error. */
    @Test
    void aModelWithoutCurvatureCannotCarryACurvedBase() {
        Geo.Outcome o = geo("embed", "grid:2,2", "--model", Path.of(EXAMPLES, "deep2.geo").toString(), "--base", "sphere",
                "--epochs", "20");
        assertEquals(ExitCodes.USAGE, o.exit(), o.err());
        assertTrue(o.err().contains("no ln c parameter"), o.err());
    }
}
