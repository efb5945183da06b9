package geo.cli.learn.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.common.Progress;
import geo.runtime.learn.embed.EpochStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The final evaluation's stages and solved pairs show in the note of the command's one bar. */
class EmbedProgressTest {

    @Test
    void theEvaluationStageAndItsPairsAreTheBarsNote() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress bar = Progress.start(Progress.Output.plain(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "geo embed"), "training", 20)) {
            EmbedProgress p = new EmbedProgress(bar, 10, 3);
            p.epoch(new EpochStats(4, java.util.OptionalDouble.of(0.5), 64, 0, 1, 0.5, 2, 1));
            assertEquals(14, bar.done());
            assertTrue(bar.line(1).contains("seed 3, loss 0.5"), bar.line(1));
            p.stage("pairs on the training mesh", 100);
            p.solved(16);
            p.solved(16);
            assertTrue(bar.line(1).contains("seed 3, final distances: pairs on the training mesh 32/100"), bar.line(1));
            p.stage("sample on RK4 × 32", 520);
            p.solved(16);
            assertTrue(bar.line(1).contains("final distances: sample on RK4 × 32 16/520"), bar.line(1));
            // the epochs done stay where they were
            assertEquals(14, bar.done());
        }
    }
}
