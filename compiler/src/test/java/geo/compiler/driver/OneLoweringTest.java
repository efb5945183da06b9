package geo.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.check.CheckedProgram;
import geo.compiler.lower.LoweredModels;
import geo.compiler.show.ShowBuilder;
import geo.compiler.show.ShowRequest;
import geo.compiler.show.TextRenderer;
import geo.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One lowering per command (issue 23, start-up): the front end's sanity checks lower every
 * manifold, and {@code geo show} and the compiler reuse that lowering ({@link LoweredModels})
 * instead of lowering again — with the same output, bit for bit.
 */
class OneLoweringTest {

    private static final String SPHERE = "manifold Sphere {\n  coords theta, phi;\n  metric g = diag([1, sin(theta)^2]);\n}\n";
    private static final String PARTICLE = "manifold P {\n  coords x, y;\n"
            + "  lagrangian L(v) = 0.5 * dot(v, v) - 0.5 * (x^2 + y^2);\n}\n";

    private static List<Path> examples() throws IOException {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        try (Stream<Path> s = Files.list(base.getParent().resolve("examples"))) {
            return s.filter(p -> p.toString().endsWith(".geo")).sorted().toList();
        }
    }

    @Test
    void theCompilerTakesTheFrontEndsLoweringOfAMetricOnce() {
        Frontend.Result r = Frontend.check(SourceFile.of("s.geo", SPHERE));
        assertTrue(r.ok(), r.diagnostics().render());
        CheckedProgram.Model m = r.program().manifolds().get(0);
        LoweredModels.Lowered first = r.lowered().lower(r.program(), m);
        assertTrue(first.reused(), "the front end's lowering is offered and untouched by the metric checks");
        assertFalse(r.lowered().lower(r.program(), m).reused(), "and handed over once: the factory is the taker's now");
    }

    @Test
    void aLagrangianIsLoweredAfreshBecauseItsSanityCheckDerivedIntoTheFactory() {
        Frontend.Result r = Frontend.check(SourceFile.of("p.geo", PARTICLE));
        assertTrue(r.ok(), r.diagnostics().render());
        assertFalse(r.lowered().lower(r.program(), r.program().manifolds().get(0)).reused());
    }

    @Test
    void compilingWithTheFrontEndsLoweringGivesTheSameClassesForEveryExample() throws IOException {
        int reused = 0;
        for (Path file : examples()) {
            SourceFile source = SourceFile.read(file);
            Frontend.Result r = Frontend.check(source);
            assertTrue(r.ok(), file + ": " + r.diagnostics().render());
            Map<String, byte[]> fresh = Compiler.compile(r.program(), source).classFiles();
            Frontend.Result other = Frontend.check(source);
            for (CheckedProgram.Model m : other.program().manifolds()) {
                if (other.lowered().lower(other.program(), m).reused()) {
                    reused++;
                }
            }
            Map<String, byte[]> shared = Compiler.compile(r, source).classFiles();
            for (CheckedProgram.Model m : r.program().manifolds()) {
                assertFalse(r.lowered().lower(r.program(), m).reused(), file + ": the compiler took " + m.name());
            }
            assertEquals(fresh.keySet(), shared.keySet(), file.toString());
            for (String name : fresh.keySet()) {
                assertArrayEquals(fresh.get(name), shared.get(name), file + ": " + name);
            }
        }
        assertTrue(reused >= 5, "most examples are metric manifolds whose lowering is reused: " + reused);
    }

    @Test
    void showWithTheFrontEndsLoweringPrintsTheSameReport() throws Exception {
        for (Path file : examples()) {
            Frontend.Result r = Frontend.check(SourceFile.read(file));
            String fresh = TextRenderer.render(ShowBuilder.build(file.toString(), r.program(), ShowRequest.defaults()),
                    false, TextRenderer.DEFAULT_MAX_NODES);
            String shared = TextRenderer.render(ShowBuilder.build(file.toString(), r.program(), ShowRequest.defaults(),
                    r.lowered()), false, TextRenderer.DEFAULT_MAX_NODES);
            assertEquals(fresh, shared, file.toString());
        }
    }
}
