package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.api.ParameterInit;
import geo.runtime.api.ParameterInits;
import geo.runtime.learn.Execution;
import geo.runtime.learn.population.Scarvelis;
import geo.runtime.learn.population.Snapshots;
import geo.runtime.load.Model;
import geo.runtime.load.ModelSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The initialisation of Scarvelis &amp; Solomon's networks ({@code snapshots/scarvelis.geo}): the official code
 * keeps PyTorch's default {@code nn.Linear} initialisation, weights and biases U(−k, k) with k = 1/√fan_in
 * ({@code metric-from-snapshots.md} §1b), and every fresh φ_k and every fresh A of a seeded run is a draw
 * of exactly those declarations ({@link Model#initialParameters(long)}), not a normal of an estimated spread.
 */
class ScarvelisInitTest {

    /** fan_in of each block: the input layers see the 2 coordinates, the others a 32-wide layer. */
    private static final Map<String, Integer> FAN_IN = Map.of("W1", 2, "b1", 2, "V1", 2, "c1", 2,
            "W2", 32, "b2", 32, "W3", 32, "b3", 32, "w2", 32, "c2", 32);

    private static ModelSet set;

    /** scarvelis.geo, compiled once for both tests. */
    private static synchronized ModelSet load() throws IOException {
        if (set == null) {
            SourceFile source = SourceFile.read(Path.of("snapshots", "scarvelis.geo"));
            Frontend.Result r = Frontend.check(source);
            assertTrue(r.ok(), r.diagnostics().render());
            set = Compiler.compile(r.program(), source).load();
        }
        return set;
    }

    @Test
    void everyBlockIsPyTorchsDefaultLinearInitialisation() throws IOException {
        Model model = load().ofKind("metric").get(0);
        ModelDescriptor d = model.descriptor();
        List<ParameterInits.Entry> entries = model.initialisers().entries();
        assertEquals(d.parameters().size(), entries.size());
        for (int b = 0; b < entries.size(); b++) {
            String name = d.parameters().get(b).name();
            double k = 1 / Math.sqrt(FAN_IN.get(name));
            ParameterInit init = entries.get(b).init();
            assertTrue(init instanceof ParameterInit.Uniform, name + ": " + init);
            ParameterInit.Uniform u = (ParameterInit.Uniform) init;
            // declared to 5 digits: 0.70711 and 0.17678
            assertEquals(-k, u.a(), 5e-6, name);
            assertEquals(k, u.b(), 5e-6, name);
        }
        // seeded draws stay inside the bounds and differ between seeds, the scalar c2 too
        double[] t1 = model.initialParameters(1);
        double[] t2 = model.initialParameters(2);
        for (int b = 0; b < entries.size(); b++) {
            ParameterInits.Entry e = entries.get(b);
            double k = ((ParameterInit.Uniform) e.init()).b();
            for (int i = e.offset(); i < e.offset() + e.size(); i++) {
                assertTrue(Math.abs(t1[i]) <= k && Math.abs(t2[i]) <= k, d.parameters().get(b).name() + "[" + i + "]");
                assertNotEquals(t1[i], t2[i]);
            }
        }
    }

    /**
     * Scarvelis.train asks for θ₀ with seed s·1000003 + k for φ_k and seed s for A (and 0 for the layout), and
     * the A it returns after one AdamW step at rate 10⁻² lies within that rate (plus the decay) of the draw.
     */
    @Test
    void freshPotentialsAndMetricAreSeededDraws() throws IOException {
        ModelSet models = load();
        Model model = models.ofKind("metric").get(0);
        Scarvelis.Kernels kernels = Scarvelis.Kernels.of(models.function("phi").function(),
                models.function("gradphi").function(), models.function("cometric").function(), model.defaultParameters());
        double[][] s0 = {{1, 0}, {0.9, 0.1}, {1.1, -0.1}};
        double[][] s1 = {{0.7, 0.7}, {0.6, 0.8}, {0.8, 0.6}};
        double[][] s2 = {{0, 1}, {0.1, 0.9}, {-0.1, 1.1}};
        Snapshots data = new Snapshots(2, List.of(List.of(s0, s1, s2)));
        Scarvelis.Recipe recipe = new Scarvelis.Recipe(1, 1, 1, 1e-2, 1e-2, 5e-2, 5e-2, 1, 1, 1, 3);
        List<Long> asked = Collections.synchronizedList(new ArrayList<>());
        long seed = 7;
        Scarvelis.Result r = Scarvelis.train(kernels, s -> {
            asked.add(s);
            return model.initialParameters(s);
        }, data, recipe, new Execution(seed, 1), Scarvelis.Listener.NONE);
        assertEquals(Scarvelis.Status.DONE, r.status(), r.message());
        Set<Long> expected = Set.of(0L, seed * 1_000_003L, seed * 1_000_003L + 1, seed);
        assertEquals(new TreeSet<>(expected), new TreeSet<>(asked));
        double[] drawn = model.initialParameters(seed);
        for (int i : kernels.metricIndices()) {
            // AdamW's first step moves each coordinate by at most lr (bias-corrected Adam) plus lr·wd·|θ|
            assertTrue(Math.abs(r.theta()[i] - drawn[i]) <= 1e-2 * (1 + 5e-2 * Math.abs(drawn[i])) + 1e-12,
                    "A parameter " + i + ": " + r.theta()[i] + " from " + drawn[i]);
        }
    }
}
