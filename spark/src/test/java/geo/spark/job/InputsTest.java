package geo.spark.job;

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

/** The jobs' input readers without Spark: θ files, CSV pair lines. */
class InputsTest {

    @TempDir
    Path dir;

    private static final ModelDescriptor BUMP = new ModelDescriptor("Bump", "metric", 2, List.of("x0", "x1"),
            Domain.NONE, List.of(), List.of(), List.of(new ModelDescriptor.Parameter("a", List.of(), 0),
            new ModelDescriptor.Parameter("c", List.of(2), 1)), Set.of("metric"), "", "");

    @Test
    void thetaFilesOverrideByNameAndRefuseWhatDoesNotFit() throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "{\"c\": [[0.25], [-0.5]]}");
        assertArrayEquals(new double[] {0.5, 0.25, -0.5}, ThetaFile.apply(f, BUMP, new double[] {0.5, 0, 0}));
        Files.writeString(f, "{\"b\": 1}");
        assertEquals(f + ": unknown parameter 'b'; model Bump has [a, c]",
                assertThrows(JobException.class, () -> ThetaFile.apply(f, BUMP, new double[3])).getMessage());
        Files.writeString(f, "{\"c\": [1, 2, 3]}");
        assertEquals(f + ": parameter c needs 2 values, got 3",
                assertThrows(JobException.class, () -> ThetaFile.apply(f, BUMP, new double[3])).getMessage());
        Files.writeString(f, "[1]");
        assertTrue(assertThrows(JobException.class, () -> ThetaFile.apply(f, BUMP, new double[3])).getMessage()
                .endsWith("expected a JSON object of parameter names to values"));
    }

    @Test
    void pairLinesByHeaderOrPosition() throws Exception {
        PairLayout named = PairLayout.of("id,y1,x0,y0,x1", 2, "p.csv");
        PairInput p = named.parse("7,4,1,3,2", 2).orElseThrow();
        assertArrayEquals(new double[] {1, 2}, p.x());
        assertArrayEquals(new double[] {3, 4}, p.y());
        assertTrue(named.parse("id,y1,x0,y0,x1", 1).isEmpty(), "the header is skipped");
        assertTrue(named.parse("  # comment", 5).isEmpty());
        assertEquals("x1 is Infinity", named.parse("7,4,1,3,Infinity", 9).orElseThrow().bad());
        PairLayout plain = PairLayout.of("0.1,0.2,0.3,0.4", 2, "p.csv");
        assertArrayEquals(new double[] {0.3, 0.4}, plain.parse("0.1,0.2,0.3,0.4", 1).orElseThrow().y());
        assertEquals("expected 4 cells (x0..x1,y0..y1), got 5", plain.parse("1,2,3,4,5", 2).orElseThrow().bad());
        assertEquals("p.csv:1: the header lacks the columns x1, y1 (the model has 2 coordinates: x0..x1, y0..y1)",
                assertThrows(JobException.class, () -> PairLayout.of("x0,y0", 2, "p.csv")).getMessage());
    }
}
