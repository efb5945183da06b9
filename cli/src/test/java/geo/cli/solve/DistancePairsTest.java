package geo.cli.solve;

import static geo.cli.Geo.example;
import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo.Outcome;
import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.Progress;
import geo.runtime.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geo dist --pairs}: many distances from a file, their output, failures and bad lines. */
class DistancePairsTest {

    private static final String BALL = example("poincare.geo");

    @TempDir
    Path dir;

    private static double poincare(double[] x, double[] y) {
        double dx = x[0] - y[0];
        double dy = x[1] - y[1];
        double u = 1 + 2 * (dx * dx + dy * dy) / ((1 - x[0] * x[0] - x[1] * x[1]) * (1 - y[0] * y[0] - y[1] * y[1]));
        return Math.log(u + Math.sqrt(u * u - 1));
    }

    private Path file(String text) throws IOException {
        Path p = dir.resolve("pairs.csv");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void everyPairMatchesTheClosedFormWithItsLineNumber() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder text = new StringBuilder("x1,x2,y1,y2\n# random pairs in the ball of radius 0.6\n\n");
        double[][] points = new double[40][];
        for (int k = 0; k < 40; k++) {
            points[k] = new double[] {random.nextDouble(-0.4, 0.4), random.nextDouble(-0.4, 0.4)};
        }
        for (int k = 0; k < 20; k++) {
            text.append(points[2 * k][0]).append(',').append(points[2 * k][1]).append(", ")
                    .append(points[2 * k + 1][0]).append(',').append(points[2 * k + 1][1]).append('\n');
        }
        Outcome o = geo("dist", BALL, "--pairs", file(text.toString()).toString(), "--threads", "2");
        assertEquals(0, o.exit(), o.err());
        assertEquals("", o.err());
        String[] lines = o.out().split("\n");
        assertEquals("line,dist,status,iterations,residual", lines[0]);
        assertEquals(21, lines.length);
        for (int k = 0; k < 20; k++) {
            String[] cells = lines[1 + k].split(",");
            assertEquals(Integer.toString(4 + k), cells[0], "the input line of pair " + k);
            assertEquals(poincare(points[2 * k], points[2 * k + 1]), Double.parseDouble(cells[1]), 1e-9);
            assertEquals("CONVERGED", cells[2]);
        }
    }

    /**
     * The batched shooting ({@code --batch on}) and pair by pair ({@code --batch off}) report the same status for every
     * pair, failures included, and distances within 1e-9 relative, with both integrators.
     */
    @Test
    void batchedAndPerPairAgree() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < 40; k++) {
            double r = k % 20 == 19 ? 0.99999999 : 0.8;
            text.append(r * random.nextDouble(-0.7, 0.7)).append(',').append(random.nextDouble(-0.5, 0.5)).append(',')
                    .append(r).append(",0\n");
        }
        String pairs = file(text.toString()).toString();
        for (String method : new String[] {"rk4", "dopri5"}) {
            Outcome batch = geo("dist", BALL, "--pairs", pairs, "--method", method, "--batch", "on");
            Outcome single = geo("dist", BALL, "--pairs", pairs, "--method", method, "--batch", "off");
            assertEquals(single.exit(), batch.exit(), batch.err());
            assertEquals(single.err(), batch.err());
            String[] a = single.out().split("\n");
            String[] b = batch.out().split("\n");
            assertEquals(41, b.length);
            for (int k = 1; k < a.length; k++) {
                String[] x = a[k].split(",");
                String[] y = b[k].split(",");
                assertEquals(x[0], y[0]);
                assertEquals(x[2], y[2], method + ", line " + x[0]);
                double dx = Double.parseDouble(x[1]);
                assertEquals(dx, Double.parseDouble(y[1]), Double.isNaN(dx) ? 0 : 1e-9 * Math.max(1, dx), a[k]);
            }
        }
        Outcome alone = geo("dist", BALL, "--x", "0,0", "--y", "0.1,0", "--batch", "on");
        assertEquals(ExitCodes.USAGE, alone.exit());
        assertEquals("geo dist: --batch goes with --pairs\n", alone.err());
    }

    @Test
    void failedPairsAreReportedAndExit70() throws IOException {
        Path out = dir.resolve("res/d.csv");
        Outcome o = geo("dist", BALL, "--pairs", file("0,0,0.5,0\n0,0,0.99999999,0\n0.1,0.1,-0.2,0.3\n").toString(),
                "--out", out.toString());
        assertEquals(ExitCodes.RUNTIME_FAILURE, o.exit());
        assertEquals("wrote " + out + ": 3 distances, 1 failed\n", o.out());
        assertEquals("geo dist: 1 of 3 pairs failed (no certified, accurate shortest geodesic: the logarithm did not "
                + "converge, is not minimal or not accurate, or the distance is not a number; line 2); their dist is NaN\n",
                o.err());
        List<String> rows = Files.readAllLines(out);
        assertEquals(4, rows.size());
        String[] first = rows.get(1).split(",");
        assertEquals("1", first[0]);
        assertEquals(poincare(new double[] {0, 0}, new double[] {0.5, 0}), Double.parseDouble(first[1]), 1e-9);
        assertEquals("CONVERGED", first[2]);
        assertTrue(rows.get(2).startsWith("2,NaN,"), rows.get(2));
        assertFalse(rows.get(2).contains("CONVERGED"), rows.get(2));
    }

    @Test
    void jsonListsEveryPair() throws IOException {
        Outcome o = geo("dist", example("spd.geo"), "--pairs", file("0,0,0,1,0,0\n1,1,1,1,1,1\n").toString(), "--json",
                "--param", "A=4,0,0,0,1,0,0,0,1");
        assertEquals(0, o.exit(), o.err());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(o.out());
        assertEquals(2.0, doc.get("pairs"));
        assertEquals(0.0, doc.get("failed"));
        List<?> results = (List<?>) doc.get("results");
        assertEquals(2.0, (Double) ((Map<?, ?>) results.get(0)).get("dist"), 1e-12);
        assertEquals(0.0, (Double) ((Map<?, ?>) results.get(1)).get("dist"), 0);
        assertEquals(2.0, ((Map<?, ?>) results.get(1)).get("line"));
    }

    @Test
    void unreadableLinesAreUsageErrorsWithTheirNumbers() throws IOException {
        Path p = file("0,0,0.1,0\n0,0,0.1\n0,0,zero,0\n\n0,0,,0\n");
        Outcome o = geo("dist", BALL, "--pairs", p.toString());
        assertEquals(ExitCodes.USAGE, o.exit());
        assertEquals("", o.out());
        assertEquals("geo dist: " + p + ":2: expected 4 numbers (x1..x2,y1..y2), got 3\n"
                + "geo dist: " + p + ":3: 'zero' is not a number\n"
                + "geo dist: " + p + ":5: value 3 of '0,0,,0' is empty\n", o.err());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            many.append("a,b,c,d\n");
        }
        Outcome lots = geo("dist", BALL, "--pairs", file("0,0,0,0\n" + many).toString());
        assertEquals(11, lots.err().split("\n").length, lots.err());
        assertTrue(lots.err().endsWith("geo dist: " + p + ": 4 more unreadable lines\n"), lots.err());
        Outcome empty = geo("dist", BALL, "--pairs", file("# nothing\n").toString());
        assertEquals("geo dist: " + p + " has no pairs\n", empty.err());
    }

    @Test
    void optionsThatDoNotFitAreUsageErrors() throws IOException {
        String pairs = file("0,0,0.1,0\n").toString();
        Outcome both = geo("dist", BALL, "--pairs", pairs, "--x", "0,0");
        assertEquals(ExitCodes.USAGE, both.exit());
        assertEquals("geo dist: --pairs replaces --x and --y; give either --pairs or both --x and --y\n", both.err());
        Outcome threads = geo("dist", BALL, "--pairs", pairs, "--threads", "0");
        assertEquals("geo dist: --threads must be at least 1, got 0\n", threads.err());
        Outcome out = geo("dist", BALL, "--x", "0,0", "--y", "0.1,0", "--out", "x.csv");
        assertEquals(ExitCodes.USAGE, out.exit());
        assertEquals("geo dist: --out goes with --pairs\n", out.err());
        Outcome missing = geo("dist", BALL, "--pairs", dir.resolve("none.csv").toString());
        assertEquals(ExitCodes.USAGE, missing.exit());
        assertEquals("geo dist: cannot read " + dir.resolve("none.csv") + ": no such file\n", missing.err());
        Outcome noY = geo("dist", BALL, "--x", "0,0");
        assertEquals("geo dist: missing required option --y\n", noY.err());
    }

    /** Progress lines go to standard error, never into the results on standard output. */
    @Test
    void progressGoesToStandardError() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < 400; k++) {
            text.append("0.1,0.2,").append(-0.5 + k / 1000.0).append(",0.3\n");
        }
        BiFunction<Io, String, Progress.Output> saved = Progress.detector;
        Progress.detector = (io, prefix) -> Progress.Output.plain(io.err(), prefix).every(1, 1);
        Outcome o;
        try {
            o = geo("dist", BALL, "--pairs", file(text.toString()).toString(), "--method", "rk4", "--threads", "1");
        } finally {
            Progress.detector = saved;
        }
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.err().startsWith("geo dist: distances "), o.err());
        assertTrue(o.err().contains("/400 ("), o.err());
        assertFalse(o.out().contains("distances"), o.out());
        assertEquals(401, o.out().split("\n").length);
    }
}
