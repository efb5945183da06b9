package geo.cli.solve;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.cli.Geo.Outcome;
import geo.cli.common.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 1 through the command line: {@code geo dist} on the sphere gives the great-circle
 * distance (φ is periodic), and a geodesic with a conjugate point is never reported as converged.
 */
class MinimalDistanceCommandTest {

    private static final String SPHERE = Geo.example("sphere.geo");

    /** The sphere without periodic φ: only the long arcs reach (1, 4) from (1, 0). */
    private static final String CHART = """
            manifold SphereChart {
              coords theta, phi in box([0.01, -10], [3.13, 10]);
              metric g = diag([1, sin(theta)^2]);
            }
            """;

    private static double value(String out, String key) {
        for (String line : out.split("\n")) {
            if (line.startsWith(key + " = ")) {
                return Double.parseDouble(line.substring(key.length() + 3));
            }
        }
        throw new AssertionError("no " + key + " in " + out);
    }

    @Test
    void theReproducersGiveTheShortArc() {
        Outcome o = geo("dist", SPHERE, "--x", "1,0", "--y", "1,4");
        assertEquals(0, o.exit(), o.err());
        assertEquals(1.7425404693816673, value(o.out(), "dist"), 1e-9);
        Outcome equator = geo("dist", SPHERE, "--x", "1.5707963267948966,0", "--y", "1.5707963267948966,6");
        assertEquals(0, equator.exit(), equator.err());
        assertEquals(2 * Math.PI - 6, value(equator.out(), "dist"), 1e-9);
    }

    @Test
    void aLongArcIsNotMinimal(@TempDir Path dir) throws IOException {
        Path chart = dir.resolve("chart.geo");
        Files.writeString(chart, CHART);
        Outcome o = geo("dist", chart.toString(), "--x", "1,0", "--y", "1,4", "--json");
        assertEquals(ExitCodes.RUNTIME_FAILURE, o.exit(), o.out());
        assertTrue(o.out().contains("\"dist\": null") && o.out().contains("\"status\": \"NOT_MINIMAL\""), o.out());
        assertTrue(o.err().startsWith("geo dist: no geodesic was certified to be the shortest: NOT_MINIMAL"), o.err());
        assertTrue(o.err().contains("conjugate point"), o.err());
        Outcome log = geo("log", chart.toString(), "--x", "1,0", "--y", "1,4");
        assertEquals(ExitCodes.RUNTIME_FAILURE, log.exit(), log.out());
        assertTrue(log.out().contains("status = NOT_MINIMAL"), log.out());
    }

    @Test
    void pairsCountANonMinimalGeodesicAsAFailure(@TempDir Path dir) throws IOException {
        Path chart = dir.resolve("chart.geo");
        Files.writeString(chart, CHART);
        Path pairs = dir.resolve("pairs.csv");
        Files.writeString(pairs, "1,0,1.2,0.5\n1,0,1,4\n");
        Outcome o = geo("dist", chart.toString(), "--pairs", pairs.toString(), "--threads", "1");
        assertEquals(ExitCodes.RUNTIME_FAILURE, o.exit(), o.out());
        assertTrue(o.out().contains("2,NaN,NOT_MINIMAL,"), o.out());
        assertTrue(o.out().contains("1,0.48632476071"), o.out());
        assertTrue(o.err().contains("1 of 2 pairs failed"), o.err());
    }

    @Test
    void compiledJarsKeepThePeriod(@TempDir Path dir) {
        Path jar = dir.resolve("sphere.jar");
        Outcome c = geo("compile", SPHERE, "-o", jar.toString());
        assertEquals(0, c.exit(), c.err());
        Outcome o = geo("dist", jar.toString(), "--x", "1,0", "--y", "1,4");
        assertEquals(0, o.exit(), o.err());
        assertEquals(1.7425404693816673, value(o.out(), "dist"), 1e-9);
    }
}
