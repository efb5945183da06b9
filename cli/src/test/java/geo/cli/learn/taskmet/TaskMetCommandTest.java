package geo.cli.learn.taskmet;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.runtime.api.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geo taskmet}: a short Cubic run's JSON, the figure, the reduced settings' report, and usage errors. */
class TaskMetCommandTest {

    @Test
    void shortCubicMseRunReportsNormalisedDecisionQualityAndDrawsTheFigure(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("cubic.png");
        Geo.Outcome o = geo("taskmet", "--problem", "cubic", "--method", "mse", "--seed", "1", "--iterations", "60",
                "--json", "--plot", png.toString());
        assertEquals(0, o.exit(), o.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) Json.parse(o.out());
        double dq = ((Number) r.get("normalizedDQ")).doubleValue();
        // 60 Adam steps at rate 0.1 reach the least-squares slope's sign: the MSE fit picks the wrong end.
        assertTrue(dq < -0.8, "normalised DQ " + dq);
        double mse = ((Number) r.get("testMSE")).doubleValue();
        // The least-squares line's error on y = 10(x³ − 0.65x), x ~ U(−1, 1), is about 2.3.
        assertTrue(mse > 2.0 && mse < 2.8, "test MSE " + mse);
        assertTrue(Files.size(png) > 10_000);
    }

    @Test
    @SuppressWarnings("unchecked")
    void reducedInnerAndCgSettingsReachTheRunAndTheResidualsAndPhasesAreReported() {
        Geo.Outcome o = geo("taskmet", "--problem", "cubic", "--method", "taskmet", "--seed", "2", "--iterations", "2",
                "--inner-first", "20", "--inner", "5", "--cg-iterations", "2", "--json");
        assertEquals(0, o.exit(), o.err());
        Map<String, Object> r = (Map<String, Object>) Json.parse(o.out());
        Map<String, Object> settings = (Map<String, Object>) r.get("settings");
        assertEquals("20/5", settings.get("innerSteps"));
        assertEquals(2, ((Number) settings.get("cgIterations")).intValue());
        Map<String, Object> cg = (Map<String, Object>) r.get("implicitSolves");
        assertEquals(2, ((Number) cg.get("solves")).intValue());
        // Cubic's predictor has 2 parameters: 2 CG iterations solve the 2 x 2 normal equations exactly,
        // so only rounding is left.
        double max = ((Number) cg.get("maxRelativeResidual")).doubleValue();
        assertTrue(max >= 0 && max < 1e-8, "relative residual " + max);
        Map<String, Object> phases = (Map<String, Object>) r.get("cpuByPhase");
        double sum = 0;
        for (String k : new String[] {"inner", "taskGradient", "implicit", "validation", "test"}) {
            double v = ((Number) phases.get(k)).doubleValue();
            assertTrue(v >= 0, k + " " + v);
            sum += v;
        }
        double cpu = ((Number) r.get("cpuSeconds")).doubleValue();
        assertTrue(sum > 0 && sum <= cpu + 1e-6, "phases " + sum + " s of " + cpu + " s");
    }

    @Test
    void usageErrorsExit64WithoutStackTraces() {
        assertEquals(64, geo("taskmet", "--problem", "knapsack", "--method", "mse").exit());
        assertEquals(64, geo("taskmet", "--problem", "cubic", "--method", "lodl").exit());
        Geo.Outcome o = geo("taskmet", "--problem", "budget", "--method", "mse", "--plot", "x.png");
        assertEquals(64, o.exit());
        assertTrue(o.err().contains("--plot draws Cubic top-k only"), o.err());
        o = geo("taskmet", "--problem", "cubic", "--method", "taskmet", "--cg-iterations", "0");
        assertEquals(64, o.exit());
        assertTrue(o.err().contains("--cg-iterations must be at least 1"), o.err());
        o = geo("taskmet", "--problem", "portfolio", "--method", "mse", "--data", "no-such.csv");
        assertEquals(64, o.exit());
        assertTrue(o.err().contains("no-such.csv"), o.err());
    }
}
