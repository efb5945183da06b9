package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The smooth worst-case distortion: its bounds, its scale invariance and its gradient. */
class SoftWorstCaseTest {

    private static final double TAU = 0.05;

    @Test
    void boundsTheLogOfTheWorstCaseAndIsScaleFree() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 30;
        double[] d = new double[n];
        double[] g = new double[n];
        double maxRatio = 0;
        double minRatio = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            g[k] = 1 + r.nextInt(5);
            d[k] = g[k] * Math.exp(r.nextDouble(-1, 1));
            maxRatio = Math.max(maxRatio, d[k] / g[k]);
            minRatio = Math.min(minRatio, d[k] / g[k]);
        }
        double[] grad = new double[n];
        double l = SoftWorstCase.of(PairValues.of(d), g, n, TAU, grad);
        double log = Math.log(maxRatio / minRatio);
        // each log-sum-exp lies in [max, max + τ ln n]
        assertTrue(l >= log - 1e-12 && l <= log + 2 * TAU * Math.log(n), l + " against ln WCD " + log);
        double[] scaled = d.clone();
        for (int k = 0; k < n; k++) {
            scaled[k] *= 7.5;
        }
        assertEquals(l, SoftWorstCase.of(PairValues.of(scaled), g, n, TAU, new double[n]), 1e-12);
    }

    /** ∂L/∂d_k against central differences (step 10⁻⁶·d_k) to 10⁻⁶ relative; a failed pair is left out, gradient 0. */
    @Test
    void gradientMatchesCentralDifferences() {
        SplittableRandom r = new SplittableRandom(8);
        int n = 12;
        double[] d = new double[n];
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            g[k] = 1 + r.nextInt(4);
            d[k] = g[k] * Math.exp(r.nextDouble(-0.3, 0.3));
        }
        double[] grad = new double[n];
        SoftWorstCase.of(EmbedFixtures.withFailed(d, 4), g, n, TAU, grad);
        assertEquals(0, grad[4], 0.0);
        for (int k = 0; k < n; k++) {
            if (k == 4) {
                continue;
            }
            double h = 1e-6 * d[k];
            double[] plus = d.clone();
            double[] minus = d.clone();
            plus[k] += h;
            minus[k] -= h;
            double fd = (SoftWorstCase.of(EmbedFixtures.withFailed(plus, 4), g, n, TAU, new double[n])
                    - SoftWorstCase.of(EmbedFixtures.withFailed(minus, 4), g, n, TAU, new double[n])) / (2 * h);
            assertEquals(fd, grad[k], 1e-6 * Math.max(1, Math.abs(fd)), "pair " + k);
        }
    }
}
