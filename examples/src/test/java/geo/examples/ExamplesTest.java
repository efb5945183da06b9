package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Frontend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every bundled example model checks without errors or warnings. */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("geo.examples.dir", "."));

    @TestFactory
    Stream<DynamicTest> everyExampleChecksCleanly() throws IOException {
        List<Path> models;
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            models = walk.filter(p -> p.toString().endsWith(".geo"))
                    .filter(p -> !EXAMPLES.relativize(p).startsWith("target"))
                    .sorted().toList();
        }
        assertTrue(models.size() >= 8, "expected at least 8 example models, found " + models.size());
        return models.stream().map(p -> DynamicTest.dynamicTest(EXAMPLES.relativize(p).toString(), () -> {
            Frontend.Result r = Frontend.checkFile(p);
            assertTrue(r.ok(), r.diagnostics().render());
            assertEquals("", r.diagnostics().render(), "examples must not have warnings");
        }));
    }
}
