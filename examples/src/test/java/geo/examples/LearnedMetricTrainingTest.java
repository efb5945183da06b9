package geo.examples;

import static geo.examples.GeometryOracles.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.learn.ModelSpace;
import geo.runtime.optim.Adam;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A smoke test of training with a learned metric, before the shared trainer exists: Adam on the
 * node positions and θ of {@code graph-embedding/deep2.geo} together, full batch, with the stress
 * loss Σ (d(xᵢ, xⱼ) − D_ij)² over all pairs of the 7-node binary tree (21 pairs, graph distances
 * 1 to 4), from positions drawn from N(0, 0.1²).
 *
 * <p>θ learns at 1e-3: at 1e-2 Adam moves every network weight by about 0.01 an epoch, and within
 * 30 epochs the metric varies by a factor of e^±5 between the nodes; some pairs then have no
 * geodesic that Newton shooting finds (the solver says so with NaN, and a trainer skips them).
 */
class LearnedMetricTrainingTest {

    /** The complete binary tree with 7 nodes: node k has the children 2k + 1 and 2k + 2. */
    private static final int NODES = 7;

    /** Graph distance in the tree: climb from the deeper node until the two meet. */
    static int treeDistance(int a, int b) {
        int steps = 0;
        while (a != b) {
            if (a > b) {
                a = (a - 1) / 2;
            } else {
                b = (b - 1) / 2;
            }
            steps++;
        }
        return steps;
    }

    /** 30 epochs cut the stress to less than a fifth, with every pair solved in every epoch. */
    @Test
    void stressDecreasesWhenPositionsAndMetricLearnTogether() {
        ModelSpace space = new ModelSpace(model("graph-embedding/deep2.geo"), ModelSpace.Options.TRAINING);
        int d = space.dimension();
        double[] theta = space.initialParameters();
        SplittableRandom random = new SplittableRandom(41);
        double[] positions = new double[NODES * d];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = 0.1 * random.nextGaussian();
        }
        Adam positionStep = new Adam(positions.length, 0.05);
        Adam thetaStep = new Adam(theta.length, 1e-3);
        double[] x = new double[d];
        double[] y = new double[d];
        double[] gx = new double[d];
        double[] gy = new double[d];
        double[] gt = new double[theta.length];
        double[] positionGrad = new double[positions.length];
        double[] thetaGrad = new double[theta.length];
        int epochs = 30;
        double first = Double.NaN;
        double last = Double.NaN;
        long start = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            Arrays.fill(positionGrad, 0);
            Arrays.fill(thetaGrad, 0);
            double stress = 0;
            int pair = 0;
            for (int i = 0; i < NODES; i++) {
                for (int j = i + 1; j < NODES; j++, pair++) {
                    System.arraycopy(positions, i * d, x, 0, d);
                    System.arraycopy(positions, j * d, y, 0, d);
                    double dist = space.distance(pair, x, y, theta, gx, gy, gt);
                    assertTrue(Double.isFinite(dist), "epoch " + epoch + ", pair " + i + "-" + j + ": "
                            + space.lastLog());
                    double residual = dist - treeDistance(i, j);
                    stress += residual * residual;
                    for (int k = 0; k < d; k++) {
                        positionGrad[i * d + k] += 2 * residual * gx[k];
                        positionGrad[j * d + k] += 2 * residual * gy[k];
                    }
                    for (int k = 0; k < theta.length; k++) {
                        thetaGrad[k] += 2 * residual * gt[k];
                    }
                }
            }
            assertEquals(NODES * (NODES - 1) / 2, pair);
            if (epoch == 0) {
                first = stress;
            }
            last = stress;
            assertTrue(positionStep.step(positions, positionGrad));
            assertTrue(thetaStep.step(theta, thetaGrad));
        }
        double millis = (System.nanoTime() - start) / 1e6 / epochs;
        System.out.printf("deep2, Tree6 (21 pairs): stress %.4f -> %.4f in %d epochs, %.1f ms per epoch (%.0f µs per pair)%n",
                first, last, epochs, millis, 1e3 * millis / (NODES * (NODES - 1) / 2));
        assertTrue(last < first / 5, "stress " + first + " -> " + last);
    }
}
