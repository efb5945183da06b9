package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.BatchAccelerationKernels;
import geo.runtime.load.Model;
import geo.runtime.manifold.compiled.ModelSpace;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelSpace#prepare}: the warm logarithms of a chunk solved together (Broyden updates in
 * the batch, one vectorised exp a round) and each pair then finished by the per-pair code give the
 * per-pair path's distances (to 1e-9 relative; the batch iterates are the per-pair solver's, so
 * most agree bit for bit), gradients and failed pairs, on deep2 with θ bent by 0.3·N(0, 1) and a
 * second epoch after the points and θ moved, as a training step moves them.
 */
class BatchLogsTest {

    private static final int PAIRS = 40;
    private static final int CHUNK = 16;

    @Test
    void batchedWarmLogsGiveThePerPairResults() {
        Model m = BatchExpTest.withBatchAcceleration("graph-embedding/deep2.geo");
        assertInstanceOf(BatchAccelerationKernels.class, m.acceleration());
        int d = m.dimension();
        int p = m.descriptor().parameterCount();
        SplittableRandom random = new SplittableRandom(21);
        double[] theta = m.defaultParameters();
        for (int q = 0; q < p; q++) {
            theta[q] += 0.3 * random.nextGaussian();
        }
        double[] x = new double[PAIRS * d];
        double[] y = new double[PAIRS * d];
        for (int i = 0; i < PAIRS * d; i++) {
            x[i] = 0.7 * random.nextGaussian();
            y[i] = 0.7 * random.nextGaussian();
        }
        ModelSpace perPair = new ModelSpace(m, ModelSpace.Options.TRAINING);
        ModelSpace batched = new ModelSpace(m, ModelSpace.Options.TRAINING);
        double[][] cold = {epoch(perPair, x, y, theta, false), epoch(batched, x, y, theta, true)};
        assertEquals(0, batched.batchedPairs(), "no warm starts yet: nothing batched");
        // A training step: the points and θ move a little; every pair now has a warm start.
        for (int i = 0; i < PAIRS * d; i++) {
            x[i] += 0.02 * random.nextGaussian();
            y[i] += 0.02 * random.nextGaussian();
        }
        for (int q = 0; q < p; q++) {
            theta[q] += 0.01 * random.nextGaussian();
        }
        double[] want = epoch(perPair, x, y, theta, false);
        double[] got = epoch(batched, x, y, theta, true);
        assertTrue(batched.batchedPairs() >= PAIRS - 2, "batched " + batched.batchedPairs());
        int failed = 0;
        double worst = 0;
        for (int k = 0; k < PAIRS; k++) {
            assertEquals(Double.isNaN(cold[0][k]), Double.isNaN(cold[1][k]), "pair " + k + " cold");
            int at = k * (1 + 2 * d + p);
            assertEquals(Double.isNaN(want[at]), Double.isNaN(got[at]), "pair " + k + " fails on both paths or neither");
            if (Double.isNaN(want[at])) {
                failed++;
                continue;
            }
            assertEquals(want[at], got[at], 1e-9 * want[at], "distance of pair " + k);
            for (int j = 1; j < 1 + 2 * d + p; j++) {
                // Gradients from the same logarithm to the shooting tolerance.
                assertEquals(want[at + j], got[at + j], 1e-6 * (1 + Math.abs(want[at + j])), "gradient " + j + " of pair " + k);
            }
            worst = Math.max(worst, Math.abs(want[at] - got[at]) / want[at]);
        }
        System.out.printf("batched warm logs: %d of %d pairs batched, %d failed on both paths, max rel diff %.1e%n",
                batched.batchedPairs(), PAIRS, failed, worst);
    }

    /** Every pair's distance and gradients (d, ∂d/∂x, ∂d/∂y, ∂d/∂θ a pair), in chunks, announced to the space or not. */
    private static double[] epoch(ModelSpace space, double[] x, double[] y, double[] theta, boolean prepare) {
        int d = space.dimension();
        int p = space.parameterCount();
        int stride = 1 + 2 * d + p;
        double[] out = new double[PAIRS * stride];
        double[] gx = new double[d];
        double[] gy = new double[d];
        double[] gTheta = new double[p];
        int[] pairs = new int[CHUNK];
        for (int c = 0; c < PAIRS; c += CHUNK) {
            int n = Math.min(CHUNK, PAIRS - c);
            for (int b = 0; b < n; b++) {
                pairs[b] = c + b;
            }
            if (prepare) {
                double[] cx = new double[n * d];
                double[] cy = new double[n * d];
                System.arraycopy(x, c * d, cx, 0, n * d);
                System.arraycopy(y, c * d, cy, 0, n * d);
                space.prepare(n, pairs, cx, cy, theta);
            }
            for (int b = 0; b < n; b++) {
                int k = c + b;
                double[] xk = java.util.Arrays.copyOfRange(x, k * d, (k + 1) * d);
                double[] yk = java.util.Arrays.copyOfRange(y, k * d, (k + 1) * d);
                int at = k * stride;
                out[at] = space.distance(k, xk, yk, theta, gx, gy, gTheta).valueOr(Double.NaN);
                System.arraycopy(gx, 0, out, at + 1, d);
                System.arraycopy(gy, 0, out, at + 1 + d, d);
                System.arraycopy(gTheta, 0, out, at + 1 + 2 * d, p);
            }
        }
        return out;
    }
}
