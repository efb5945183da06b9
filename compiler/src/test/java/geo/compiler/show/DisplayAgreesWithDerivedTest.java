package geo.compiler.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.check.CheckedProgram;
import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every example model and every section: the simplified equations that are displayed have the
 * values of the derived ones at random points of the chart, and the components left out as zero
 * are zero there. This is what makes the display-only rewrites safe to show.
 */
class DisplayAgreesWithDerivedTest {

    private static final Topic[] ALL = Topic.values();

    @TestFactory
    Stream<DynamicTest> everyExampleSection() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Models.examples())) {
            files = list.filter(p -> p.toString().endsWith(".geo")).sorted().toList();
        }
        assertTrue(files.size() >= 8, "examples found: " + files);
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path file) throws ShowException {
        CheckedProgram program = Models.example(file.getFileName().toString());
        Random rnd = new Random(file.getFileName().toString().hashCode());
        for (CheckedProgram.Model m : program.manifolds()) {
            for (int trial = 0; trial < 2; trial++) {
                int d = m.dimension();
                double[] x = new double[d];
                double[] v = new double[d];
                for (int k = 0; k < d; k++) {
                    // Inside every example's chart: the ball, theta in (0, pi), r > 0, y > 0.
                    x[k] = 0.15 + 0.5 * rnd.nextDouble() / d;
                    v[k] = rnd.nextGaussian();
                }
                ShowRequest request = new ShowRequest(Set.of(ALL), m.name(), x, v);
                Report r = ShowBuilder.build(file.toString(), program, request);
                assertTrue(r.problems().isEmpty(), r.problems().toString());
                ModelReport report = r.models().get(0);
                Point p = report.point();
                Bindings at = new Bindings().coords(p.x()).velocities(p.v()).params(p.theta()).time(0.3);
                for (Section s : report.sections()) {
                    compare(m.name() + " " + s.id(), s, at);
                }
            }
        }
    }

    private static void compare(String where, Section s, Bindings at) {
        List<Node> nodes = new ArrayList<>();
        for (Equation e : s.equations()) {
            nodes.add(e.display());
            nodes.add(e.exact());
        }
        if (nodes.isEmpty()) {
            return;
        }
        double[] values = Program.compile(nodes.toArray(Node[]::new)).evaluate(at);
        for (int k = 0; k < values.length; k += 2) {
            double shown = values[k];
            double derived = values[k + 1];
            assertTrue(Double.isFinite(derived), where + ": " + s.equations().get(k / 2).name() + " = " + derived);
            assertEquals(derived, shown, 1e-9 * Math.max(1, Math.abs(derived)),
                    where + ": " + s.equations().get(k / 2).name());
        }
    }
}
