package geo.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.load.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Compiles the models of {@code examples/snapshots/} for the population-snapshot tests. */
final class SnapshotModels {

    private SnapshotModels() {
    }

    /** The only manifold of {@code snapshots/<name>.geo}, compiled in-process. */
    static Model load(String name) {
        try {
            SourceFile source = SourceFile.read(Path.of("snapshots", name + ".geo"));
            Frontend.Result r = Frontend.check(source);
            assertTrue(r.ok(), r.diagnostics().render());
            return Compiler.compile(r.program(), source).load().only();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model compiled from text. */
    static Model compile(String name, String text) {
        SourceFile source = SourceFile.of(name, text);
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load().only();
    }
}
