package geo.cli.solve;

import static geo.cli.Geo.example;
import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo.Outcome;
import geo.cli.common.ExitCodes;
import geo.runtime.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geo geodesic} through {@link Main#run}: samples against closed-form geodesics, outputs, errors. */
class GeodesicCommandTest {

    @TempDir
    Path dir;

    /** The rows of a table or CSV after its header: t, the coordinates, the velocity. */
    private static List<double[]> rows(String table, String separator) {
        List<double[]> rows = new ArrayList<>();
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            rows.add(Arrays.stream(lines[i].trim().split(separator)).mapToDouble(Double::parseDouble).toArray());
        }
        return rows;
    }

    /**
     * The Poincaré ball g = (2/(1 − |x|²))² I from 0 with velocity v: the geodesic is radial with
     * hyperbolic speed 2|v|, and the distance 2 artanh(r) from 0 gives r(t) = tanh(|v| t), so
     * x(t) = tanh(|v| t) v/|v| and x'(t) = sech²(|v| t) v.
     */
    @Test
    void poincareGeodesicFromTheOriginIsRadialWithTanhProfile() {
        double[] v = {1.0, 0.5};
        double speed = Math.hypot(v[0], v[1]);
        Outcome o = geo("geodesic", example("poincare.geo"), "--x", "0,0", "--v", "1,0.5", "--n", "8");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("t    "), o.out());
        assertEquals(List.of("t", "x[0]", "x[1]", "v[0]", "v[1]"), List.of(o.out().split("\n")[0].split("\\s+")));
        List<double[]> rows = rows(o.out(), "\\s+");
        assertEquals(9, rows.size());
        for (int k = 0; k <= 8; k++) {
            double[] row = rows.get(k);
            double t = k / 8.0;
            assertEquals(t, row[0], 0);
            double r = Math.tanh(speed * t);
            double sech2 = 1 - r * r;
            for (int i = 0; i < 2; i++) {
                assertEquals(r * v[i] / speed, row[1 + i], 1e-10, "x at t = " + t);
                assertEquals(sech2 * v[i], row[3 + i], 1e-10, "v at t = " + t);
            }
        }
    }

    /** On the unit sphere the geodesic is the great circle p(t) = cos(st) p₀ + sin(st) T/s in R³. */
    @Test
    void sphereGeodesicIsAGreatCircle() {
        double theta0 = 1.0;
        double phi0 = 0.2;
        double a = 0.3;
        double b = 0.8;
        double[] p0 = {Math.sin(theta0) * Math.cos(phi0), Math.sin(theta0) * Math.sin(phi0), Math.cos(theta0)};
        double[] tangent = new double[3];
        double[] dTheta = {Math.cos(theta0) * Math.cos(phi0), Math.cos(theta0) * Math.sin(phi0), -Math.sin(theta0)};
        double[] dPhi = {-Math.sin(theta0) * Math.sin(phi0), Math.sin(theta0) * Math.cos(phi0), 0};
        for (int i = 0; i < 3; i++) {
            tangent[i] = a * dTheta[i] + b * dPhi[i];
        }
        double s = Math.sqrt(tangent[0] * tangent[0] + tangent[1] * tangent[1] + tangent[2] * tangent[2]);
        Outcome o = geo("geodesic", example("sphere.geo"), "--x", theta0 + "," + phi0, "--v", a + "," + b, "--n", "5");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("t    theta"), o.out());
        List<double[]> rows = rows(o.out(), "\\s+");
        assertEquals(6, rows.size());
        for (double[] row : rows) {
            double t = row[0];
            double[] p = new double[3];
            for (int i = 0; i < 3; i++) {
                p[i] = Math.cos(s * t) * p0[i] + Math.sin(s * t) * tangent[i] / s;
            }
            assertEquals(Math.acos(p[2]), row[1], 1e-9, "theta at t = " + t);
            assertEquals(Math.atan2(p[1], p[0]), row[2], 1e-9, "phi at t = " + t);
        }
        // The speed √(θ'² + sin²θ φ'²) is constant along a geodesic.
        for (double[] row : rows) {
            assertEquals(s, Math.hypot(row[3], Math.sin(row[1]) * row[4]), 1e-9);
        }
    }

    /** A constant metric's geodesic between two points is the segment x + t(y − x), written to a CSV file. */
    @Test
    void toAPointByShootingWrittenAsCsv() throws IOException {
        Path csv = dir.resolve("out/line.csv");
        Outcome o = geo("geodesic", example("spd.geo"), "--x", "0.5,-1,2", "--y", "1.5,0,1", "--n", "4",
                "--csv", csv.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("wrote " + csv + ": 5 samples of the geodesic at t = k/4, k = 0..4 (log CONVERGED "
                + "after "), o.out());
        assertEquals(1, o.out().split("\n").length, o.out());
        String text = Files.readString(csv);
        assertTrue(text.startsWith("t,x[0],x[1],x[2],v[0],v[1],v[2]\n"), text);
        double[] x = {0.5, -1, 2};
        double[] y = {1.5, 0, 1};
        List<double[]> rows = rows(text, ",");
        assertEquals(5, rows.size());
        for (double[] row : rows) {
            for (int i = 0; i < 3; i++) {
                assertEquals(x[i] + row[0] * (y[i] - x[i]), row[1 + i], 1e-10);
                assertEquals(y[i] - x[i], row[4 + i], 1e-10);
            }
        }
    }

    @Test
    void textToAPointReportsTheSolveAndJsonHasEverySample() {
        Outcome text = geo("geodesic", example("spd.geo"), "--x", "0,0,0", "--y", "1,2,3", "--n", "2", "--method", "rk4");
        assertEquals(0, text.exit(), text.err());
        String[] lines = text.out().split("\n");
        assertTrue(lines[0].startsWith("log = "), text.out());
        assertEquals("status = CONVERGED", lines[1]);
        assertTrue(lines[4].startsWith("error = "), text.out());
        assertEquals("", lines[5]);
        assertTrue(lines[6].startsWith("t    x[0]"), text.out());
        assertEquals(10, lines.length, text.out());

        Outcome json = geo("geodesic", example("poincare.geo"), "--x", "0.1,0.2", "--v", "0.3,-0.1", "--n", "3", "--json");
        assertEquals(0, json.exit(), json.err());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(json.out());
        assertEquals(List.of("t", "x[0]", "x[1]", "v[0]", "v[1]"), doc.get("columns"));
        List<?> samples = (List<?>) doc.get("samples");
        assertEquals(4, samples.size());
        assertEquals(List.of(0.0, 0.1, 0.2, 0.3, -0.1), samples.get(0));
        // The last sample is exp_x(v), which geo exp prints too.
        Outcome exp = geo("exp", example("poincare.geo"), "--x", "0.1,0.2", "--v", "0.3,-0.1");
        List<?> last = (List<?>) samples.get(3);
        assertEquals("exp = " + last.get(1) + ", " + last.get(2), exp.out().split("\n")[0]);
    }

    @Test
    void badRequestsAreUsageErrors() {
        String ball = example("poincare.geo");
        Outcome both = geo("geodesic", ball, "--x", "0,0", "--v", "1,0", "--y", "0.5,0");
        assertEquals(ExitCodes.USAGE, both.exit());
        assertEquals("geo geodesic: give exactly one of --v (the initial velocity) and --y (the end point)\n", both.err());
        Outcome neither = geo("geodesic", ball, "--x", "0,0");
        assertEquals(ExitCodes.USAGE, neither.exit());
        assertEquals(both.err(), neither.err());
        Outcome zero = geo("geodesic", ball, "--x", "0,0", "--v", "1,0", "--n", "0");
        assertEquals(ExitCodes.USAGE, zero.exit());
        assertEquals("geo geodesic: --n must be at least 1, got 0\n", zero.err());
        Outcome dimension = geo("geodesic", ball, "--x", "0,0", "--v", "1,0,0");
        assertEquals(ExitCodes.USAGE, dimension.exit());
        assertEquals("geo geodesic: --v needs 2 numbers (the model has 2 coordinates), got 3\n", dimension.err());
        Outcome malformed = geo("geodesic", ball, "--x", "0,O", "--v", "1,0");
        assertEquals(ExitCodes.USAGE, malformed.exit());
        assertEquals("geo geodesic: --x: 'O' is not a number\n", malformed.err());
        Outcome noX = geo("geodesic", ball, "--v", "1,0");
        assertEquals(ExitCodes.USAGE, noX.exit());
        assertEquals("geo geodesic: missing required option --x\n", noX.err());
        Outcome notANumber = geo("geodesic", ball, "--x", "0,0", "--v", "1,0", "--n", "many");
        assertEquals(ExitCodes.USAGE, notANumber.exit());
        assertTrue(notANumber.err().contains("'many' is not an int"), notANumber.err());
        Outcome lagrangian = geo("geodesic", example("obstacle.geo"), "--x", "0,0", "--y", "1,0");
        assertEquals(ExitCodes.USAGE, lagrangian.exit());
        assertEquals("geo geodesic: geodesic needs a metric; manifold Obstacle has a lagrangian only\n", lagrangian.err());
    }

    @Test
    void solverFailuresExit70() {
        Outcome inaccurate = geo("geodesic", example("poincare.geo"), "--x", "0,0", "--y", "0.99999999,0", "--n", "4");
        assertEquals(ExitCodes.RUNTIME_FAILURE, inaccurate.exit());
        assertEquals("", inaccurate.out());
        assertTrue(inaccurate.err().startsWith("geo geodesic: the logarithm did not converge: INACCURATE"),
                inaccurate.err());
        Outcome leaves = geo("geodesic", example("sphere.geo"), "--x", "0.5,0", "--v", "-1,0");
        assertEquals(ExitCodes.RUNTIME_FAILURE, leaves.exit());
        assertTrue(leaves.err().startsWith("geo geodesic: integration failed: the path left the domain"), leaves.err());
    }
}
