package geo.compiler.show;

import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.check.CheckedProgram;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Sources and example files for the show tests. */
final class Models {

    static final String SPHERE = "manifold Sphere {\n  coords theta, phi;\n  metric g = diag([1, sin(theta)^2]);\n}\n";
    static final String POLAR = "manifold Polar {\n  coords r, theta;\n  metric g = diag([1, r^2]);\n}\n";

    private Models() {
    }

    static String poincare(int d) {
        return "manifold Ball {\n  coords x[" + d + "] in ball(1);\n  metric g = (2 / (1 - dot(x, x)))^2 * eye(" + d
                + ");\n}\n";
    }

    /** A checked program from source text. */
    static CheckedProgram program(String source) {
        Frontend.Result r = Frontend.check(SourceFile.of("t.geo", source));
        assertTrue(r.ok(), r.diagnostics().render());
        return r.program();
    }

    /** The bundled examples directory (next to this module). */
    static Path examples() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        return base.getParent().resolve("examples");
    }

    /** A checked example, e.g. {@code sphere.geo}. */
    static CheckedProgram example(String name) {
        try {
            Frontend.Result r = Frontend.checkFile(examples().resolve(name));
            assertTrue(r.ok(), r.diagnostics().render());
            return r.program();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report for {@code source}. */
    static Report show(String source, ShowRequest request) {
        try {
            return ShowBuilder.build("t.geo", program(source), request);
        } catch (ShowException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The section {@code id} of the first manifold. */
    static Section section(Report r, String id) {
        return r.models().get(0).sections().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + id));
    }
}
