package geo.cli.learn.embed;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.cli.common.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geo embed-row}: the row of runs made apart equals the row of the same seeds run together. */
class EmbedRowCommandTest {

    private static final String TREE6 = Path.of("..", "examples", "graph-embedding", "data", "tree6.edges").toString();

    private static final String[] RUN = {"embed", TREE6, "--space", "euclidean", "--epochs", "200",
        "--loss", "relative-squared", "--scale"};

    private static Path json(Path dir, String name, String seeds) throws IOException {
        return json(dir, name, seeds, "--dim", "2");
    }

    private static Path json(Path dir, String name, String seeds, String... more) throws IOException {
        String[] args = new String[RUN.length + more.length + 3];
        System.arraycopy(RUN, 0, args, 0, RUN.length);
        System.arraycopy(more, 0, args, RUN.length, more.length);
        args[args.length - 3] = "--seed";
        args[args.length - 2] = seeds;
        args[args.length - 1] = "--json";
        Geo.Outcome o = geo(args);
        assertEquals(0, o.exit(), o.err());
        Path file = dir.resolve(name);
        Files.writeString(file, o.out());
        return file;
    }

    /** The row without its two timing columns (ms per epoch, share in distances), which differ run to run. */
    private static String figures(String row) {
        String[] cells = row.strip().split("\\|");
        return String.join("|", java.util.Arrays.copyOfRange(cells, 0, cells.length - 2));
    }

    @Test
    void seedsRunApartGiveTheRowOfTheSeedsRunTogether(@TempDir Path dir) throws IOException {
        String[] together = new String[RUN.length + 5];
        System.arraycopy(RUN, 0, together, 0, RUN.length);
        System.arraycopy(new String[] {"--dim", "2", "--seed", "0,1,2", "--row"}, 0, together, RUN.length, 5);
        Geo.Outcome row = geo(together);
        assertEquals(0, row.exit(), row.err());
        // seeds 0 and 1 in one document, seed 2 in another
        Geo.Outcome apart = geo("embed-row", json(dir, "a.json", "0,1").toString(), json(dir, "b.json", "2").toString());
        assertEquals(0, apart.exit(), apart.err());
        assertEquals(figures(row.out()), figures(apart.out()));
        assertTrue(apart.out().startsWith("| tree6.edges | 2 | euclidean | "), apart.out());
        assertTrue(apart.out().contains("| 0 / 63 |"), apart.out());
        // the seeds' spread is there: three different seeds of a 200-epoch run do not give a 0.00 sd in every metric
        assertTrue(!apart.out().contains("± 0.000 | ± 0.000"), apart.out());
    }

    @Test
    void runsOfDifferentRowsOrTheSameSeedAreRefused(@TempDir Path dir) throws IOException {
        Path a = json(dir, "a.json", "0");
        Path other = json(dir, "d3.json", "1", "--dim", "3");
        Geo.Outcome mixed = geo("embed-row", a.toString(), other.toString());
        assertEquals(ExitCodes.USAGE, mixed.exit());
        assertTrue(mixed.err().contains("d3.json: graph tree6.edges, space euclidean, d = 3"), mixed.err());
        assertTrue(mixed.err().contains("one row takes runs of one graph, space and dimension"), mixed.err());

        Geo.Outcome twice = geo("embed-row", a.toString(), a.toString());
        assertEquals(ExitCodes.USAGE, twice.exit());
        assertTrue(twice.err().contains("seed 0 appears twice"), twice.err());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"graph\": \"g\", ");
        Geo.Outcome bad = geo("embed-row", broken.toString());
        assertEquals(ExitCodes.USAGE, bad.exit());
        assertTrue(bad.err().startsWith("geo embed-row: " + broken + ": JSON at offset"), bad.err());

        Path noRuns = dir.resolve("no-runs.json");
        Files.writeString(noRuns, "{\"graph\": \"g\", \"rowName\": \"euclidean\", \"dimension\": 2, \"pairs\": 3}");
        Geo.Outcome missing = geo("embed-row", noRuns.toString());
        assertEquals(ExitCodes.USAGE, missing.exit());
        assertTrue(missing.err().contains("lacks the field 'runs'"), missing.err());
        assertTrue(!missing.err().contains("Exception"), missing.err());

        Geo.Outcome absent = geo("embed-row", dir.resolve("nowhere.json").toString());
        assertEquals(ExitCodes.USAGE, absent.exit());
        assertTrue(absent.err().contains("cannot read"), absent.err());
    }

    /** A failed seed's document (its metrics null) still makes the row, marked by exit 70 and its message. */
    @Test
    void aFailedSeedIsReportedAndLeftOutOfTheMetrics(@TempDir Path dir) throws IOException {
        Path ok = json(dir, "ok.json", "0");
        Path failed = dir.resolve("failed.json");
        Files.writeString(failed, """
                {"graph": "tree6.edges", "pairs": 21, "rowName": "euclidean", "dimension": 2, "runs": [
                  {"seed": 7, "status": "FAILED", "message": "every pair failed", "worstCaseDistortion": null,
                   "averageDistortion": null, "meanAveragePrecision": null, "failedPairs": 21,
                   "secondsPerEpoch": 0.001, "distanceShare": 0.5}]}
                """);
        Geo.Outcome alone = geo("embed-row", failed.toString());
        assertEquals(ExitCodes.RUNTIME_FAILURE, alone.exit());
        assertTrue(alone.out().startsWith("| tree6.edges | 2 | euclidean | none | none | none | 21 / 21 |"), alone.out());
        assertTrue(alone.err().contains("seed 7 (" + failed + "): every pair failed"), alone.err());

        Geo.Outcome both = geo("embed-row", ok.toString(), failed.toString());
        assertEquals(ExitCodes.RUNTIME_FAILURE, both.exit());
        Geo.Outcome okAlone = geo("embed-row", ok.toString());
        // the failed seed's pairs are counted, its (absent) metrics are not: the worst case is seed 0's alone
        String okCells = okAlone.out().split("\\|")[4];
        assertEquals(okCells, both.out().split("\\|")[4]);
        assertTrue(both.out().contains("| 21 / 42 |"), both.out());
    }

    /** A seed whose final distances did not settle to the printed digits is named in the row, not hidden. */
    @Test
    void seedsNotSettledToThePrintedDigitsAreNamedInTheRow(@TempDir Path dir) throws IOException {
        Path ok = json(dir, "ok.json", "0");
        Geo.Outcome okAlone = geo("embed-row", ok.toString());
        assertEquals(0, okAlone.exit(), okAlone.err());
        assertTrue(okAlone.out().startsWith("| tree6.edges | 2 | euclidean | "), okAlone.out());
        Path unsettled = dir.resolve("unsettled.json");
        Files.writeString(unsettled, document(5, "false"));
        Path settled = dir.resolve("settled.json");
        Files.writeString(settled, document(6, "true"));
        Geo.Outcome row = geo("embed-row", ok.toString(), unsettled.toString(), settled.toString());
        assertEquals(0, row.exit(), row.err());
        assertTrue(row.out().startsWith("| tree6.edges | 2 | euclidean, 1 of 3 seeds not settled | "), row.out());
        Geo.Outcome both = geo("embed-row", ok.toString(), settled.toString());
        assertTrue(both.out().startsWith("| tree6.edges | 2 | euclidean | "), both.out());

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, document(7, "\"no\""));
        Geo.Outcome refused = geo("embed-row", bad.toString());
        assertEquals(ExitCodes.USAGE, refused.exit());
        assertTrue(refused.err().contains("runs[0].finalDistances.settled must be true or false"), refused.err());
    }

    /** A one-run document of tree6 in d = 2 whose final distances have the given {@code settled} value. */
    private static String document(int seed, String settled) {
        return """
                {"graph": "tree6.edges", "pairs": 21, "rowName": "euclidean", "dimension": 2, "runs": [
                  {"seed": %d, "status": "CONVERGED", "message": "", "worstCaseDistortion": 1.5,
                   "averageDistortion": 0.1, "meanAveragePrecision": 1.0, "failedPairs": 0,
                   "secondsPerEpoch": 0.001, "distanceShare": 0.5, "finalDistances": {"settled": %s}}]}
                """.formatted(seed, settled);
    }
}
