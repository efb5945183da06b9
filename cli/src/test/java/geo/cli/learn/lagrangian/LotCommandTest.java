package geo.cli.learn.lagrangian;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.cli.common.ExitCodes;
import geo.runtime.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code geo lot}: a tiny run trains, writes its files, and reloading the parameters gives the
 * same pushed points; the T(x) scores agree with each other and the amortisation benchmark's
 * loose straight-line solves stop no later than the tight ones (the same deterministic L-BFGS
 * run); bad input is one message and exit 64.
 */
class LotCommandTest {

    private static final String DIR = System.getProperty("geo.examples.dir", "../examples") + "/lagrangian-ot/";

    @TempDir
    Path tmp;

    /** Small networks of the shapes the command needs (the example's are bigger and slower to compile). */
    private static final String NETS = """
            param gW[4, 2] ~ normal(0, 0.5); param gb[4] = zeros; param gw[1, 4] ~ normal(0, 0.5);
            param tW[4, 2] ~ normal(0, 0.5); param tb[4] = zeros; param tw[2, 4] ~ normal(0, 0.5);
            fn g(y[2]) = sum(gw * leaky_relu(gW * y + gb, 0.01));
            fn T(x[2]) = x + tw * leaky_relu(tW * x + tb, 0.01);
            """;
    private static final String AMORTISER = """
            param aW[4, 2] ~ normal(0, 0.5); param aV[4, 2] ~ normal(0, 0.5); param aw[36, 4] ~ normal(0, 0.1);
            fn path(x[2], y[2]) = aw * relu(aW * x + aV * y);
            """;

    private String[] args(String task, String... more) throws IOException {
        Path nets = tmp.resolve("nets.geo");
        Path am = tmp.resolve("amortiser.geo");
        Files.writeString(nets, NETS);
        Files.writeString(am, AMORTISER);
        List<String> a = new java.util.ArrayList<>(List.of("lot", "--task", task, "--model", DIR + task + ".geo",
                "--nets", nets.toString(), "--amortiser", am.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    @SuppressWarnings("unchecked")
    void tinyRunWritesFilesAndReloads() throws IOException {
        Path out = tmp.resolve("run");
        Geo.Outcome o = geo(args("hill", "--steps", "3", "--batch", "8", "--eval", "8", "--pairs", "4",
                "--amortiser-fit", "5", "--json", "--out", out.toString()));
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        Map<String, Object> r = (Map<String, Object>) Json.parse(o.out());
        assertEquals("hill", r.get("task"));
        Map<String, Object> learned = (Map<String, Object>) r.get("learned");
        assertEquals(0.0, ((Number) learned.get("crossing")).doubleValue(), "the hill has no obstacle region");
        Map<String, Object> map = (Map<String, Object>) r.get("map");
        Map<String, Object> amortised = (Map<String, Object>) r.get("amortised");
        assertEquals(amortised.get("marginal_w2"), map.get("marginal_w2"), "both push T(x)");
        assertTrue(((Number) map.get("cost")).doubleValue() <= ((Number) amortised.get("cost")).doubleValue(),
                "the best refined path is no worse than the predicted one, which is among its starts");
        Map<String, Object> a = (Map<String, Object>) r.get("amortisation");
        assertEquals(4, ((Number) a.get("pairs")).intValue());
        long tight = ((Number) ((Map<String, Object>) a.get("tight_straight")).get("evaluations")).longValue();
        long loose = ((Number) ((Map<String, Object>) a.get("loose_straight")).get("evaluations")).longValue();
        assertTrue(loose <= tight && loose > 0, "the loose run is a prefix of the tight one: " + loose + " vs " + tight);
        assertEquals(4, ((Number) a.get("within_1e-3_tight_straight")).intValue(),
                "the O(T) spline's tight solves reach the dense reference");
        assertEquals(0.0, ((Number) a.get("model_gap")).doubleValue(), "the model stop is off by default");
        Map<String, Object> newton = (Map<String, Object>) a.get("newton");
        assertEquals("RUN", newton.get("status"), "the hill is ½|v|² + V: the Newton side runs");
        assertEquals(4, ((Number) newton.get("within_1e-3_straight")).intValue(), "Newton from the straight line");
        assertEquals(5, ((Number) ((Map<String, Object>) r.get("amortiser_fit")).get("steps")).intValue());
        for (String f : List.of("theta-dual.json", "theta-amortiser.json", "theta-amortiser-fit.json", "pushed.csv",
                "paths.csv")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        String pushed = Files.readString(out.resolve("pushed.csv"));
        assertEquals(9, pushed.lines().count());
        Path again = tmp.resolve("again");
        Geo.Outcome l = geo(args("hill", "--load", out.toString(), "--eval", "8", "--json", "--out",
                again.toString()));
        assertEquals(ExitCodes.OK, l.exit(), l.err());
        // theta-amortiser.json is the amortiser as trained (the fit for new pairs comes after the scores).
        assertEquals(pushed, Files.readString(again.resolve("pushed.csv")), "the loaded map pushes the same points");
        // Session 13: the amortiser distilled from solved paths, then fine-tuned by the action fit.
        Geo.Outcome d = geo(args("hill", "--load", out.toString(), "--eval", "8", "--pairs", "4", "--amortiser-fit",
                "5", "--amortiser-targets", "6", "--amortiser-loss", "mse", "--amortiser-fine-tune", "2", "--json"));
        assertEquals(ExitCodes.OK, d.exit(), d.err());
        Map<String, Object> fit = (Map<String, Object>) ((Map<String, Object>) Json.parse(d.out())).get("amortiser_fit");
        assertEquals(2, ((Number) fit.get("steps")).intValue(), "the fine-tune's steps");
        Map<String, Object> distil = (Map<String, Object>) fit.get("distillation");
        assertEquals(6, ((Number) distil.get("targets")).intValue());
        assertEquals(5, ((Number) distil.get("steps")).intValue());
        assertEquals("mse", distil.get("loss"));
        assertTrue(((Number) fit.get("cpu_seconds")).doubleValue()
                >= ((Number) distil.get("solve_cpu_seconds")).doubleValue(), fit.toString());
    }

    @Test
    void badInput() throws IOException {
        String[] unknown = args("box");
        unknown[2] = "maze";
        Geo.Outcome u = geo(unknown);
        assertEquals(ExitCodes.USAGE, u.exit());
        assertTrue(u.err().contains("unknown --task 'maze'"), u.err());
        Geo.Outcome g = geo(args("hill", "--model-gap", "-1"));
        assertEquals(ExitCodes.USAGE, g.exit());
        assertTrue(g.err().contains("--model-gap must be in [0, 1), got -1.0"), g.err());
        Geo.Outcome f = geo(args("hill", "--fresh-amortiser"));
        assertEquals(ExitCodes.USAGE, f.exit());
        assertTrue(f.err().contains("--fresh-amortiser needs --load and --amortiser-fit N with N > 0"), f.err());
        Geo.Outcome t = geo(args("hill", "--amortiser-targets", "5"));
        assertEquals(ExitCodes.USAGE, t.exit());
        assertTrue(t.err().contains("--amortiser-targets, --amortiser-loss and --amortiser-fine-tune need --pairs N "
                + "and --amortiser-fit N with N > 0"), t.err());
        Geo.Outcome l1 = geo(args("hill", "--pairs", "2", "--amortiser-fit", "3", "--amortiser-targets", "5",
                "--amortiser-loss", "l1"));
        assertEquals(ExitCodes.USAGE, l1.exit());
        assertTrue(l1.err().contains("--amortiser-loss must be mse or kinetic, got 'l1'"), l1.err());
        Geo.Outcome ft = geo(args("hill", "--pairs", "2", "--amortiser-fit", "3", "--amortiser-fine-tune", "5"));
        assertEquals(ExitCodes.USAGE, ft.exit());
        assertTrue(ft.err().contains("--amortiser-loss and --amortiser-fine-tune need --amortiser-targets"), ft.err());
        Path noM = tmp.resolve("free.geo");
        Files.writeString(noM, "manifold F { coords x[2]; lagrangian L(v) = 0.5 * dot(v, v); }\n");
        String[] a = args("hill");
        a[4] = noM.toString();
        Geo.Outcome m = geo(a);
        assertEquals(ExitCodes.USAGE, m.exit());
        assertTrue(m.err().contains("needs a scalar parameter 'M'"), m.err());
        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("theta-dual.json"), "{\"gW1\": [1, \"x\"]}");
        Geo.Outcome b = geo(args("hill", "--load", bad.toString()));
        assertEquals(ExitCodes.USAGE, b.exit());
        assertTrue(b.err().contains("--load: " + bad.resolve("theta-dual.json")
                + ": parameter gW1 must be a number or an array of numbers"), b.err());
    }
}
