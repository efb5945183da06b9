package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.BatchAccelerationKernels;
import geo.runtime.load.Model;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.compiled.ModelSpace;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What {@link ModelSpace#prepare} keeps (each announced pair's logarithm, solved in the batch at the
 * announced θ) cannot give a wrong distance later: a pair announced at θ₀ and asked for only after θ
 * moved (θ₁ = θ₀ + 0.05·N(0, 1), the prepared logarithm is then a stale first guess) has the
 * distance of the same space with the same history but no announcement (to 1e-9 relative, as
 * {@link BatchLogsTest}), on deep2 with θ₀ bent by 0.3·N(0, 1). (Not against a space without warm
 * starts: from the straight line the shooting can end on another geodesic, on this seed a pair's
 * 7.73 against the warm 1.49.) PairEvaluator asks for every announced pair before the next
 * announcement, so training never leaves such an entry; this is the worst that one could do.
 */
class PreparedStateTest {

    private static final int PAIRS = 16;

    @Test
    void aStalePreparedLogarithmGivesTheDistanceAtTheNewTheta() {
        Model m = BatchExpTest.withBatchAcceleration("graph-embedding/deep2.geo");
        assertInstanceOf(BatchAccelerationKernels.class, m.acceleration());
        int d = m.dimension();
        SplittableRandom random = new SplittableRandom(8);
        double[] theta0 = m.defaultParameters();
        for (int q = 0; q < theta0.length; q++) {
            theta0[q] += 0.3 * random.nextGaussian();
        }
        double[][] x = new double[PAIRS][d];
        double[][] y = new double[PAIRS][d];
        for (int k = 0; k < PAIRS; k++) {
            for (int a = 0; a < d; a++) {
                x[k][a] = 0.7 * random.nextGaussian();
                y[k][a] = 0.7 * random.nextGaussian();
            }
        }
        ModelSpace announced = new ModelSpace(m, ModelSpace.Options.TRAINING);
        ModelSpace unannounced = new ModelSpace(m, ModelSpace.Options.TRAINING);
        // every pair gets a warm start at θ₀ in both
        for (int k = 0; k < PAIRS; k++) {
            announced.distance(k, x[k], y[k], theta0);
            unannounced.distance(k, x[k], y[k], theta0);
        }
        int[] pairs = new int[PAIRS];
        double[] cx = new double[PAIRS * d];
        double[] cy = new double[PAIRS * d];
        for (int k = 0; k < PAIRS; k++) {
            pairs[k] = k;
            System.arraycopy(x[k], 0, cx, k * d, d);
            System.arraycopy(y[k], 0, cy, k * d, d);
        }
        announced.prepare(PAIRS, pairs, cx, cy, theta0);
        assertTrue(announced.batchedPairs() >= PAIRS - 2, "batched " + announced.batchedPairs());
        // the first half is asked for at θ₀, as announced; the second half is left prepared
        for (int k = 0; k < PAIRS / 2; k++) {
            announced.distance(k, x[k], y[k], theta0);
            unannounced.distance(k, x[k], y[k], theta0);
        }
        double[] theta1 = theta0.clone();
        for (int q = 0; q < theta1.length; q++) {
            theta1[q] += 0.05 * random.nextGaussian();
        }
        int compared = 0;
        for (int k = PAIRS / 2; k < PAIRS; k++) {
            PairDistance got = announced.distance(k, x[k], y[k], theta1);
            PairDistance want = unannounced.distance(k, x[k], y[k], theta1);
            assertEquals(want.ok(), got.ok(), "pair " + k + ": " + want + " against " + got);
            if (!want.ok()) {
                continue;
            }
            assertEquals(want.value(), got.value(), 1e-9 * want.value(), "pair " + k + " " + Arrays.toString(x[k]));
            compared++;
        }
        assertTrue(compared >= PAIRS / 2 - 1, compared + " pairs compared");
    }
}
