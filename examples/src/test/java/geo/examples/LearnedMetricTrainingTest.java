package geo.examples;

import static geo.examples.GeometryOracles.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.data.EdgeLists;
import geo.runtime.data.ShortestPaths;
import geo.runtime.learn.EpochStats;
import geo.runtime.learn.ModelSpace;
import geo.runtime.learn.Trainer;
import geo.runtime.learn.TrainingOptions;
import geo.runtime.learn.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Training with a learned metric: the {@link Trainer} (Adam on the node positions and θ together,
 * stress loss, 2 worker threads sharing the warm starts) on {@code graph-embedding/deep2.geo} and
 * Tree6 (7 nodes, 21 pairs, graph distances 1 to 4).
 */
class LearnedMetricTrainingTest {

    private static final Path TREE6 = Path.of(System.getProperty("geo.examples.dir", "."))
            .resolve("graph-embedding/data/tree6.edges");

    /** 60 epochs cut the mean stress to less than a fifth, with every pair solved in every epoch. */
    @Test
    void stressDecreasesWhenPositionsAndMetricLearnTogether() throws IOException {
        ShortestPaths target = ShortestPaths.of(EdgeLists.read(TREE6));
        ModelSpace space = new ModelSpace(model("graph-embedding/deep2.geo"), ModelSpace.Options.TRAINING);
        TrainingOptions options = new TrainingOptions().maxEpochs(60).positionLearningRate(0.05).threads(2);
        TrainingResult r = new Trainer(space, options).train(target);
        double[] loss = r.lossHistory();
        assertEquals(60, loss.length, r.message());
        for (EpochStats e : r.epochs()) {
            assertEquals(0, e.failures(), "epoch " + e.epoch());
            assertEquals(21, e.pairs());
        }
        System.out.printf("deep2, Tree6 (21 pairs, 2 threads): loss %.4f -> %.4f in 60 epochs, %.1f ms per epoch, "
                + "%.0f%% in distances%n", loss[0], loss[loss.length - 1], 1e3 * r.secondsPerEpoch(),
                100 * r.distanceShare());
        assertTrue(loss[loss.length - 1] < loss[0] / 5, "loss " + loss[0] + " -> " + loss[loss.length - 1]);
    }
}
