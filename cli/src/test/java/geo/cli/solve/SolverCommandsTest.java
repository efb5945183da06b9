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

/** {@code geo exp}, {@code geo log} and {@code geo dist} through {@link Main#run}. */
class SolverCommandsTest {

    private static final String POINCARE = Geo.example("poincare.geo");

    private static double poincare(double[] x, double[] y) {
        double dx = x[0] - y[0];
        double dy = x[1] - y[1];
        double u = 1 + 2 * (dx * dx + dy * dy) / ((1 - x[0] * x[0] - x[1] * x[1]) * (1 - y[0] * y[0] - y[1] * y[1]));
        return Math.log(u + Math.sqrt(u * u - 1));
    }

    private static double value(String out, String key) {
        for (String line : out.split("\n")) {
            if (line.startsWith(key + " = ")) {
                return Double.parseDouble(line.substring(key.length() + 3).split(",")[0]);
            }
        }
        throw new AssertionError("no " + key + " in " + out);
    }

    @Test
    void distanceMatchesTheClosedForm() {
        Outcome o = geo("dist", POINCARE, "--x", "0.1,0.2", "--y", "-0.3,0.4");
        assertEquals(0, o.exit(), o.err());
        assertEquals(poincare(new double[] {0.1, 0.2}, new double[] {-0.3, 0.4}), value(o.out(), "dist"), 1e-9);
        assertTrue(o.out().contains("status = CONVERGED"), o.out());
    }

    @Test
    void expThenLogComeBack() {
        Outcome e = geo("exp", POINCARE, "--x", "0.1,0.2", "--v", "0.3,-0.1");
        assertEquals(0, e.exit(), e.err());
        String end = e.out().split("\n")[0].substring("exp = ".length()).replace(" ", "");
        Outcome l = geo("log", POINCARE, "--x", "0.1,0.2", "--y", end, "--json");
        assertEquals(0, l.exit(), l.err());
        assertTrue(l.out().contains("\"status\": \"CONVERGED\""), l.out());
        String log = l.out().substring(l.out().indexOf("[") + 1, l.out().indexOf("]"));
        String[] v = log.split(",");
        assertEquals(0.3, Double.parseDouble(v[0].trim()), 1e-9);
        assertEquals(-0.1, Double.parseDouble(v[1].trim()), 1e-9);
    }

    @Test
    void parameterOverridesAndRk4() {
        Outcome o = geo("dist", "../examples/spd.geo", "--x", "0,0,0", "--y", "1,0,0", "--param",
                "A=4,0,0,0,1,0,0,0,1", "--method", "rk4", "--steps", "10");
        assertEquals(0, o.exit(), o.err());
        assertEquals(2.0, value(o.out(), "dist"), 1e-12);
    }

    @Test
    void badInputIsAUsageError() {
        Outcome missing = geo("dist", "nope.geo", "--x", "0,0", "--y", "0,0");
        assertEquals(ExitCodes.USAGE, missing.exit());
        assertEquals("geo dist: cannot read nope.geo: no such file\n", missing.err());
        Outcome malformed = geo("dist", POINCARE, "--x", "0.1,zero", "--y", "0,0");
        assertEquals(ExitCodes.USAGE, malformed.exit());
        assertTrue(malformed.err().startsWith("geo dist: "), malformed.err());
        Outcome dimension = geo("exp", POINCARE, "--x", "0.1,0.2,0.3", "--v", "0,0");
        assertEquals(ExitCodes.USAGE, dimension.exit());
        assertEquals("geo exp: --x needs 2 numbers (the model has 2 coordinates), got 3\n", dimension.err());
        Outcome param = geo("dist", POINCARE, "--x", "0,0", "--y", "0.1,0", "--param", "M=1");
        assertEquals(ExitCodes.USAGE, param.exit());
        assertEquals("geo dist: --param: unknown parameter 'M'; the model has []\n", param.err());
        Outcome method = geo("dist", POINCARE, "--x", "0,0", "--y", "0.1,0", "--method", "euler");
        assertEquals(ExitCodes.USAGE, method.exit());
    }

    @Test
    void parametersFromAJsonFileThenOverriddenOnTheCommandLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.json");
        Files.writeString(file, "{\"A\": [[9, 0, 0], [0, 1, 0], [0, 0, 1]]}");
        Outcome fromFile = geo("dist", "../examples/spd.geo", "--x", "0,0,0", "--y", "1,0,0", "--params", file.toString(),
                "--method", "rk4", "--steps", "4");
        assertEquals(0, fromFile.exit(), fromFile.err());
        assertEquals(3.0, value(fromFile.out(), "dist"), 1e-12);
        Outcome both = geo("dist", "../examples/spd.geo", "--x", "0,0,0", "--y", "1,0,0", "--params", file.toString(),
                "--param", "A=4,0,0,0,1,0,0,0,1", "--method", "rk4", "--steps", "4");
        assertEquals(2.0, value(both.out(), "dist"), 1e-12);

        Files.writeString(file, "{\"A\": [1, 2]}");
        Outcome count = geo("dist", "../examples/spd.geo", "--x", "0,0,0", "--y", "1,0,0", "--params", file.toString());
        assertEquals(ExitCodes.USAGE, count.exit());
        assertEquals("geo dist: " + file + ": parameter A needs 9 values, got 2\n", count.err());
        Files.writeString(file, "{\"B\": 1}");
        Outcome unknown = geo("dist", "../examples/spd.geo", "--x", "0,0,0", "--y", "1,0,0", "--params", file.toString());
        assertEquals("geo dist: " + file + ": unknown parameter 'B'; the model has [A]\n", unknown.err());
        Files.writeString(file, "{\"A\": [1, 2");
        Outcome broken = geo("dist", "../examples/spd.geo", "--x", "0,0,0", "--y", "1,0,0", "--params", file.toString());
        assertEquals(ExitCodes.USAGE, broken.exit());
        assertTrue(broken.err().startsWith("geo dist: " + file + ": not valid JSON: "), broken.err());
    }

    @Test
    void solverFailureIsReportedWithWhereItHappened() {
        // Straight at the pole theta = 0, where the sphere's chart ends (its box starts at 0.01).
        Outcome o = geo("exp", "../examples/sphere.geo", "--x", "0.5,0", "--v", "-1,0");
        assertEquals(ExitCodes.RUNTIME_FAILURE, o.exit(), o.out());
        assertTrue(o.err().contains("left the domain") && o.err().contains("at t = 0.490000000"), o.err());
    }

    @Test
    void unconvergedLogExits70AfterPrintingTheStatus() {
        // 1e-8 from the boundary the shot reaches y in coordinates, but not in the metric.
        Outcome o = geo("log", POINCARE, "--x", "0,0", "--y", "0.99999999,0", "--json");
        assertEquals(ExitCodes.RUNTIME_FAILURE, o.exit());
        assertTrue(o.out().contains("\"log\": null") && o.out().contains("INACCURATE"), o.out());
        assertTrue(o.err().startsWith("geo log: the result is inaccurate: "), o.err());
    }

    @Test
    void moreBadInput(@TempDir Path dir) {
        Outcome noX = geo("exp", POINCARE, "--v", "1,0");
        assertEquals(ExitCodes.USAGE, noX.exit());
        assertEquals("geo exp: missing required option --x\n", noX.err());
        Outcome noParams = geo("exp", POINCARE, "--x", "0,0", "--v", "1,0", "--params", dir.resolve("p.json").toString());
        assertEquals(ExitCodes.USAGE, noParams.exit());
        assertEquals("geo exp: cannot read " + dir.resolve("p.json") + ": no such file\n", noParams.err());
        Outcome noEquals = geo("exp", "../examples/spd.geo", "--x", "0,0,0", "--v", "1,0,0", "--param", "A");
        assertEquals(ExitCodes.USAGE, noEquals.exit());
        assertEquals("geo exp: --param needs NAME=v1,v2,..., got 'A'\n", noEquals.err());
        Outcome lagrangian = geo("dist", "../examples/obstacle.geo", "--x", "0,0", "--y", "1,0");
        assertEquals(ExitCodes.USAGE, lagrangian.exit());
        assertEquals("geo dist: dist needs a metric; manifold Obstacle has a lagrangian only\n", lagrangian.err());
        Outcome steps = geo("exp", POINCARE, "--x", "0,0", "--v", "1,0", "--method", "rk4", "--steps", "0");
        assertEquals("geo exp: --steps must be at least 1, got 0\n", steps.err());
    }
}
