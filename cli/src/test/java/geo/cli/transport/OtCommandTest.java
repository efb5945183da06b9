package geo.cli.transport;

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

/**
 * {@code geo ot} through {@link geo.cli.Main#run}: the cost, status and assignment against brute
 * force over all permutations, the plan and paths files, the picture, and the three solvers.
 */
class OtCommandTest {

    @TempDir
    Path dir;

    private static final double[][] S = {{0, 0}, {1, 0.2}, {2, -0.1}, {0.5, 1}, {1.5, 1.2}};
    private static final double[][] T = {{2.1, 1.0}, {0.2, 0.9}, {1.1, -0.3}, {-0.1, 0.1}, {1.8, 0.1}};

    private String cloud(String name, double[][] p, double[] w) throws IOException {
        StringBuilder b = new StringBuilder(w == null ? "x0,x1\n" : "x0,x1,weight\n");
        for (int i = 0; i < p.length; i++) {
            b.append(p[i][0]).append(',').append(p[i][1]);
            if (w != null) {
                b.append(',').append(w[i]);
            }
            b.append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, b);
        return f.toString();
    }

    private static double sq(double[] a, double[] b) {
        return (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]);
    }

    /** The optimal permutation by brute force (5! = 120), and its cost with weights 1/n. */
    private static int[] bruteForce(double[][] s, double[][] t, double[] best) {
        int n = s.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int[] arg = perm.clone();
        best[0] = Double.POSITIVE_INFINITY;
        do {
            double c = 0;
            for (int i = 0; i < n; i++) {
                c += sq(s[i], t[perm[i]]) / n;
            }
            if (c < best[0]) {
                best[0] = c;
                arg = perm.clone();
            }
        } while (next(perm));
        return arg;
    }

    private static boolean next(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }

    @Test
    void exactAssignmentIsTheBruteForceOptimum() throws IOException {
        double[] best = new double[1];
        int[] expected = bruteForce(S, T, best);
        Path plan = dir.resolve("plan.csv");
        Geo.Outcome o = geo("ot", "--source", cloud("s.csv", S, null), "--target", cloud("t.csv", T, null), "--json",
                "--out", plan.toString());
        assertEquals(0, o.exit(), o.err());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(o.out());
        assertEquals("OPTIMAL", doc.get("status"));
        assertEquals("assignment", doc.get("solver"));
        assertEquals(best[0], (Double) doc.get("cost"), 1e-12);
        List<?> a = (List<?>) doc.get("assignment");
        for (int i = 0; i < expected.length; i++) {
            assertEquals((double) expected[i], a.get(i), "source " + i);
        }
        List<String> lines = Files.readAllLines(plan);
        assertEquals("source,target,mass", lines.get(0));
        assertEquals(6, lines.size());
        for (String line : lines.subList(1, 6)) {
            String[] f = line.split(",");
            assertEquals(expected[Integer.parseInt(f[0])], Integer.parseInt(f[1]));
            assertEquals(0.2, Double.parseDouble(f[2]), 1e-15);
        }
        Geo.Outcome text = geo("ot", "--source", cloud("s.csv", S, null), "--target", cloud("t.csv", T, null));
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("solver: assignment, OPTIMAL"), text.out());
        assertTrue(text.out().contains("cost: squared Euclidean distance"), text.out());
    }

    /** Weights or n ≠ m: the network simplex; the plan's marginals are the weights and its cost the reported one. */
    @Test
    void weightedCloudsUseTheNetworkSimplex() throws IOException {
        double[] ws = {0.1, 0.3, 0.2, 0.25, 0.15};
        double[][] t = {T[0], T[1], T[2]};
        double[] wt = {0.5, 0.25, 0.25};
        Path plan = dir.resolve("plan.csv");
        Geo.Outcome o = geo("ot", "--source", cloud("s.csv", S, ws), "--target", cloud("t.csv", t, wt), "--json",
                "--out", plan.toString());
        assertEquals(0, o.exit(), o.err());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(o.out());
        assertEquals("OPTIMAL", doc.get("status"));
        assertEquals("network simplex", doc.get("solver"));
        assertTrue(!doc.containsKey("assignment"));
        double[] rows = new double[5];
        double[] cols = new double[3];
        double cost = 0;
        for (String line : Files.readAllLines(plan).subList(1, Files.readAllLines(plan).size())) {
            String[] f = line.split(",");
            int i = Integer.parseInt(f[0]);
            int j = Integer.parseInt(f[1]);
            double m = Double.parseDouble(f[2]);
            assertTrue(m >= 0);
            rows[i] += m;
            cols[j] += m;
            cost += m * sq(S[i], t[j]);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(ws[i], rows[i], 1e-12);
        }
        for (int j = 0; j < 3; j++) {
            assertEquals(wt[j], cols[j], 1e-12);
        }
        assertEquals(cost, (Double) doc.get("cost"), 1e-12);
    }

    /** Sinkhorn at a small ε: within a few ε of the exact cost, marginals met. */
    @Test
    void sinkhornApproachesTheExactCost() throws IOException {
        double[] best = new double[1];
        bruteForce(S, T, best);
        Geo.Outcome o = geo("ot", "--source", cloud("s.csv", S, null), "--target", cloud("t.csv", T, null),
                "--solver", "sinkhorn", "--eps", "1e-3", "--json");
        assertEquals(0, o.exit(), o.err());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(o.out());
        assertEquals("CONVERGED", doc.get("status"));
        assertEquals("sinkhorn", doc.get("solver"));
        double eps = (Double) doc.get("epsilon");
        assertTrue(eps > 0 && eps < 1e-2, "epsilon " + eps);
        assertEquals(best[0], (Double) doc.get("cost"), 1e-2 * best[0]);
        assertTrue((Double) doc.get("marginal_error") <= 1e-9, doc.toString());
    }

    /**
     * The obstacle example: Lagrangian costs, the paths file (each path from its source to its
     * target) and the picture.
     */
    @Test
    void obstacleLagrangianPathsAndPicture() throws IOException {
        double[][] s = {{-1, 0.05}, {-1, 0.5}, {-1.1, -0.4}};
        double[][] t = {{1, 0.1}, {1.1, -0.45}, {0.9, 0.45}};
        Path paths = dir.resolve("paths.csv");
        Path png = dir.resolve("ot.png");
        Geo.Outcome o = geo("ot", "--source", cloud("s.csv", s, null), "--target", cloud("t.csv", t, null), "--model",
                Geo.example("obstacle.geo"), "--paths", paths.toString(), "--plot", png.toString(), "--json");
        assertEquals(0, o.exit(), o.err());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(o.out());
        assertEquals("action of Obstacle", doc.get("cost_function"));
        List<?> a = (List<?>) doc.get("assignment");
        assertEquals(List.of(0.0, 2.0, 1.0), a);
        List<String> lines = Files.readAllLines(paths);
        assertEquals("source,target,k,x0,x1", lines.get(0));
        assertEquals(1 + 3 * OtCommand.PATH_SAMPLES, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals(s[0][0], Double.parseDouble(first[3]), 1e-12);
        assertEquals(s[0][1], Double.parseDouble(first[4]), 1e-12);
        String[] last = lines.get(OtCommand.PATH_SAMPLES).split(",");
        assertEquals(t[0][0], Double.parseDouble(last[3]), 1e-12);
        assertEquals(t[0][1], Double.parseDouble(last[4]), 1e-12);
        // The path of (−1, 0.05) → (1, 0.1) bends around the bump at the origin.
        double nearest = Double.POSITIVE_INFINITY;
        for (String line : lines.subList(1, OtCommand.PATH_SAMPLES + 1)) {
            String[] f = line.split(",");
            nearest = Math.min(nearest, Math.hypot(Double.parseDouble(f[3]), Double.parseDouble(f[4])));
        }
        assertTrue(nearest > 0.2, "closest approach " + nearest);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(900, image.getHeight());
    }

    /** Squared geodesic distances on the Poincaré ball: the reported cost is Σ d²/n for the closed-form d. */
    @Test
    void poincareGeodesicCost() throws IOException {
        double[][] s = {{0.1, 0.2}, {-0.3, 0.1}, {0.4, -0.4}};
        double[][] t = {{0.2, -0.3}, {-0.5, 0.5}, {0.3, 0.6}};
        Geo.Outcome o = geo("ot", "--source", cloud("s.csv", s, null), "--target", cloud("t.csv", t, null), "--model",
                Geo.example("poincare.geo"), "--json");
        assertEquals(0, o.exit(), o.err());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(o.out());
        List<?> a = (List<?>) doc.get("assignment");
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double d = poincare(s[i], t[((Double) a.get(i)).intValue()]);
            expected += d * d / 3;
        }
        assertEquals(expected, (Double) doc.get("cost"), 1e-6);
        assertEquals("squared geodesic distance of PoincareBall", doc.get("cost_function"));
    }

    private static double poincare(double[] x, double[] y) {
        double z = 1 + 2 * sq(x, y) / ((1 - x[0] * x[0] - x[1] * x[1]) * (1 - y[0] * y[0] - y[1] * y[1]));
        return Math.log(z + Math.sqrt(z * z - 1));
    }
}
