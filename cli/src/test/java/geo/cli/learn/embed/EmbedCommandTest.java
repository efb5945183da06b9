package geo.cli.learn.embed;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.cli.common.ExitCodes;
import geo.runtime.api.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geo embed} through {@link Main#run}: training, its report and files, and bad input. */
class EmbedCommandTest {

    private static final String DATA = Path.of("..", "examples", "graph-embedding", "data").toString();

    private static String graph(String name) {
        return Path.of(DATA, name).toString();
    }

    /**
     * The embedding written by --out, read back: the average distortion recomputed from the
     * Euclidean distances of the written points must be the one reported.
     */
    @Test
    void reportedMetricsAreThoseOfTheWrittenEmbedding(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("e.csv");
        Geo.Outcome o = geo("embed", graph("tree6.edges"), "--space", "euclidean", "--dim", "2", "--epochs", "2000",
                "--out", csv.toString(), "--json");
        assertEquals(0, o.exit(), o.err());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(o.out());
        assertEquals(7.0, doc.get("nodes"));
        assertEquals("none", doc.get("scale"), "no --scale");
        Map<?, ?> run = (Map<?, ?>) ((List<?>) doc.get("runs")).get(0);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("node,x0,x1", lines.get(0));
        assertEquals(8, lines.size());
        double[][] x = new double[7][2];
        for (int i = 0; i < 7; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals(String.valueOf(i), f[0]);
            x[i][0] = Double.parseDouble(f[1]);
            x[i][1] = Double.parseDouble(f[2]);
        }
        // tree6.edges: 0-1, 0-2, 1-3, 1-4, 2-5, 4-6.
        int[] parent = {-1, 0, 0, 1, 1, 2, 4};
        int[] depth = {0, 1, 1, 2, 2, 2, 3};
        double sum = 0;
        double maxExpansion = 0;
        double maxContraction = 0;
        int pairs = 0;
        for (int i = 0; i < 7; i++) {
            for (int j = i + 1; j < 7; j++) {
                int a = i;
                int b = j;
                int hops = 0;
                while (a != b) {
                    if (depth[a] >= depth[b]) {
                        a = parent[a];
                    } else {
                        b = parent[b];
                    }
                    hops++;
                }
                double dm = Math.hypot(x[i][0] - x[j][0], x[i][1] - x[j][1]);
                sum += Math.abs(dm - hops) / hops;
                maxExpansion = Math.max(maxExpansion, dm / hops);
                maxContraction = Math.max(maxContraction, hops / dm);
                pairs++;
            }
        }
        assertEquals(21, pairs);
        assertEquals(sum / pairs, (Double) run.get("averageDistortion"), 1e-12);
        assertEquals(maxExpansion * maxContraction, (Double) run.get("worstCaseDistortion"), 1e-12);
        assertTrue((Double) run.get("worstCaseDistortion") < 2, o.out());
    }

    @Test
    void severalSeedsAreSummarised() {
        Geo.Outcome o = geo("embed", "cycle:10", "--space", "sphere", "--dim", "1", "--scale", "--epochs", "200",
                "--seed", "0,1,2");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("graph cycle:10: 10 nodes, 10 edges, 45 pairs, diameter 5\n"), o.out());
        assertTrue(o.out().contains("\nseed 0: ") && o.out().contains("\nseed 2: "), o.out());
        assertTrue(o.out().contains("over 3 seeds: worst-case distortion "), o.out());
    }

    @Test
    void jsonSaysHowTheScaleWasSet() {
        for (String mode : new String[] {"solved", "learned"}) {
            Geo.Outcome o = geo("embed", "cycle:10", "--space", "euclidean", "--dim", "2", "--scale", "--scale-mode",
                    mode, "--epochs", "20", "--json");
            assertEquals(0, o.exit(), o.err());
            assertEquals(mode, ((Map<?, ?>) Json.parse(o.out())).get("scale"));
        }
    }

    /** "worstCasePhase" is none without --worst-case, and with it says what the run's message says. */
    @Test
    void jsonSaysWhetherTheWorstCasePhaseWasKept() {
        Geo.Outcome plain = geo("embed", "cycle:10", "--space", "euclidean", "--dim", "2", "--epochs", "20", "--json");
        assertEquals(0, plain.exit(), plain.err());
        Map<?, ?> run = (Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(plain.out())).get("runs")).get(0);
        assertEquals("none", run.get("worstCasePhase"));
        Geo.Outcome o = geo("embed", "cycle:10", "--space", "euclidean", "--dim", "2", "--epochs", "20",
                "--worst-case", "10", "--json");
        assertEquals(0, o.exit(), o.err());
        run = (Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(o.out())).get("runs")).get(0);
        String message = (String) run.get("message");
        assertEquals(message.endsWith(", kept") ? "kept" : "not-kept", run.get("worstCasePhase"), message);
        assertTrue(message.contains("worst-case epochs"), message);
    }

    @Test
    void plotDrawsThePlanarEmbedding(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("tree.png");
        Geo.Outcome o = geo("embed", graph("tree6.edges"), "--space", "poincare", "--dim", "2", "--epochs", "50",
                "--plot", png.toString());
        assertEquals(0, o.exit(), o.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(900, image.getHeight());

        Path notPlanar = dir.resolve("sphere.png");
        Geo.Outcome sphere = geo("embed", graph("tree6.edges"), "--space", "sphere", "--dim", "2", "--plot",
                notPlanar.toString());
        assertEquals(ExitCodes.USAGE, sphere.exit());
        assertEquals("geo embed: --plot draws embeddings with 2 coordinates per node, these have 3\n", sphere.err());
        assertTrue(sphere.out().isEmpty(), "nothing trained: " + sphere.out());
        Geo.Outcome type = geo("embed", graph("tree6.edges"), "--space", "euclidean", "--dim", "2", "--plot",
                dir.resolve("x.gif").toString());
        assertEquals(ExitCodes.USAGE, type.exit());
    }

    @Test
    void badInputIsAUsageError(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.edges");
        Files.writeString(bad, "0 1\n1 two\n");
        Geo.Outcome line = geo("embed", bad.toString(), "--space", "euclidean", "--dim", "2");
        assertEquals(ExitCodes.USAGE, line.exit());
        assertTrue(line.err().startsWith("geo embed: " + bad + ":2: "), line.err());
        Path split = dir.resolve("split.edges");
        Files.writeString(split, "0 1\n2 3\n");
        Geo.Outcome disconnected = geo("embed", split.toString(), "--space", "euclidean", "--dim", "2");
        assertEquals(ExitCodes.USAGE, disconnected.exit());
        assertTrue(disconnected.err().contains("not connected"), disconnected.err());

        assertEquals(ExitCodes.USAGE, geo("embed", "nope.edges", "--space", "euclidean", "--dim", "2").exit());
        Geo.Outcome both = geo("embed", "cycle:5", "--space", "euclidean", "--model", "../examples/deep.geo");
        assertEquals("geo embed: give exactly one of --space and --model\n", both.err());
        assertEquals("geo embed: --space needs --dim\n", geo("embed", "cycle:5", "--space", "euclidean").err());
        assertEquals("geo embed: unknown --space 'flat'; use euclidean, poincare, lorentz or sphere\n",
                geo("embed", "cycle:5", "--space", "flat", "--dim", "2").err());
        assertEquals("geo embed: tree:2: expected 2 numbers after ':'\n",
                geo("embed", "tree:2", "--space", "euclidean", "--dim", "2").err());
        assertEquals("geo embed: unknown --loss 'l1'; use stress, relative, relative-squared or two-sided\n",
                geo("embed", "cycle:5", "--space", "euclidean", "--dim", "2", "--loss", "l1").err());
        assertEquals("geo embed: unknown --optimizer 'sgd'; use riemannian or adam\n",
                geo("embed", "cycle:5", "--space", "poincare", "--dim", "2", "--optimizer", "sgd").err());
        assertEquals("geo embed: unknown --worst-case-method 'sgd'; use adam or annealed\n",
                geo("embed", "cycle:5", "--space", "lorentz", "--dim", "2", "--worst-case-method", "sgd").err());
        assertEquals("geo embed: --worst-case-method annealed works in the euclidean, poincare and lorentz spaces and "
                        + "learned metrics (--model)\n",
                geo("embed", "cycle:5", "--space", "sphere", "--dim", "2", "--worst-case-method", "annealed").err());
        assertEquals("geo embed: --worst-case-from layout needs --worst-case EPOCHS > 0\n",
                geo("embed", "cycle:5", "--space", "lorentz", "--dim", "2", "--worst-case-from", "layout").err());
        assertEquals("geo embed: --worst-case-from layout needs --worst-case EPOCHS > 0\n",
                geo("embed", "cycle:5", "--space", "lorentz", "--dim", "2", "--worst-case-from", "trained,layout").err());
        assertEquals("geo embed: --worst-case-from: unknown finish start 'mds'; use trained or layout\n",
                geo("embed", "cycle:5", "--space", "lorentz", "--dim", "2", "--worst-case", "5", "--worst-case-from",
                        "layout,mds").err());
        assertEquals("geo embed: layout scales: 'x' is not a number (give e.g. 1,0.05)\n",
                geo("embed", "cycle:5", "--space", "lorentz", "--dim", "2", "--init-scales", "1,x").err());
        Geo.Outcome dim = geo("embed", "cycle:5", "--model", "../examples/deep.geo", "--dim", "3");
        assertEquals("geo embed: --dim 3 does not match the model's dimension 2\n", dim.err());
    }
}
