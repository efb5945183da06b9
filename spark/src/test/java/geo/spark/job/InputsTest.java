package geo.spark.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs' input readers without Spark: CSV pair lines. */
class InputsTest {

    @TempDir
    Path dir;

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
