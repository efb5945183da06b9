package geo.runtime.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.Domain;
import geo.runtime.api.ModelDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter files: overrides by name, complete θ, round trips, and each refusal's message. */
class ParameterFileTest {

    @TempDir
    Path dir;

    /** a scalar at offset 0, c a 2×1 matrix at offset 1. */
    private static final ModelDescriptor BUMP = new ModelDescriptor("Bump", "metric", 2, List.of("x0", "x1"),
            Domain.NONE, List.of(), List.of(), List.of(new ModelDescriptor.Parameter("a", List.of(), 0),
            new ModelDescriptor.Parameter("c", List.of(2, 1), 1)), Set.of("metric"), "", "");

    private String refusal(String json, boolean complete) throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, json);
        return assertThrows(ParameterFile.Invalid.class, () -> ParameterFile.apply(f, BUMP, new double[3], complete))
                .getMessage();
    }

    @Test
    void overridesByNameFlattenRowMajorAndLeaveTheDefaultsAlone() throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "{\"c\": [[0.25], [-0.5]]}");
        double[] defaults = {0.5, 0, 0};
        assertArrayEquals(new double[] {0.5, 0.25, -0.5}, ParameterFile.apply(f, BUMP, defaults, false));
        assertArrayEquals(new double[] {0.5, 0, 0}, defaults);
    }

    @Test
    void writtenThetaReadsBackBitForBitAndIsComplete() throws Exception {
        Path f = dir.resolve("theta.json");
        double[] theta = {Math.PI, -1e-300, 0.1 + 0.2};
        ParameterFile.write(f, BUMP, theta);
        assertArrayEquals(theta, ParameterFile.apply(f, BUMP, new double[3], true));
        assertEquals(List.of("a", "c"), List.copyOf(ParameterFile.read(f).keySet()));
    }

    @Test
    void refusesWhatDoesNotFitTheModel() throws Exception {
        Path f = dir.resolve("t.json");
        assertEquals(f + ": unknown parameter 'b'; model Bump has [a, c]", refusal("{\"b\": 1}", false));
        assertEquals(f + ": parameter c needs 2 values, got 3", refusal("{\"c\": [1, 2, 3]}", false));
        assertEquals(f + ": parameter c (2 values) is missing", refusal("{\"a\": 1}", true));
        assertEquals(f + ": expected a JSON object of parameter names to values", refusal("[1]", false));
        assertEquals(f + ": parameter a must be a number or an array of numbers, got \"x\"",
                refusal("{\"a\": \"x\"}", false));
        assertTrue(refusal("{\"a\": ", false).startsWith(f + ": not valid JSON: "));
        Path missing = dir.resolve("none.json");
        assertEquals("cannot read " + missing + ": no such file", assertThrows(ParameterFile.Invalid.class,
                () -> ParameterFile.read(missing)).getMessage());
    }
}
