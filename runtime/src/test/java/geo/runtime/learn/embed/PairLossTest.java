package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each pair loss: its derivative against central differences, its zero at e = g, and its key. */
class PairLossTest {

    @Test
    void derivativesMatchCentralDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        for (PairLoss loss : PairLoss.values()) {
            for (int k = 0; k < 200; k++) {
                double g = 1 + r.nextInt(8);
                double e = g * Math.exp(r.nextDouble(-2, 2));
                if (loss == PairLoss.RELATIVE && Math.abs(e - g) < 1e-3) {
                    continue;  // not differentiable at e = g
                }
                double h = 1e-6 * e;
                double fd = (loss.value(e + h, g) - loss.value(e - h, g)) / (2 * h);
                assertEquals(fd, loss.derivative(e, g), 1e-7 * Math.max(1, Math.abs(fd)), loss + " at e = " + e + ", g = " + g);
            }
            assertEquals(0, loss.value(3, 3), 0.0);
            assertEquals(0, loss.derivative(3, 3), 0.0);
            assertEquals(loss, PairLoss.of(loss.key()).orElseThrow());
        }
    }

    /**
     * optimalScale minimises Σℓ(s·d, g): the total at s is no larger than at s·(1 ± 10⁻⁴), and for
     * the smooth losses ∂/∂s Σℓ(s·d, g) = Σ d·ℓ'(s·d, g) vanishes to 10⁻⁸ of its terms' size; the
     * closed forms of stress and relative-squared agree with the golden-section search of the
     * two-sided loss's kind to 10⁻⁹ when the data admit an exact fit (d = g/3: s = 3 for every loss).
     */
    @Test
    void optimalScaleMinimisesTheTotalLoss() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 40;
        double[] d = new double[n];
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            g[k] = 1 + r.nextInt(6);
            d[k] = 0.2 * g[k] * Math.exp(r.nextDouble(-0.5, 0.5));
        }
        for (PairLoss loss : PairLoss.values()) {
            double s = loss.optimalScale(d, g, n);
            double at = total(loss, s, d, g, n);
            assertTrue(at <= total(loss, s * (1 + 1e-4), d, g, n), loss + ": s = " + s);
            assertTrue(at <= total(loss, s * (1 - 1e-4), d, g, n), loss + ": s = " + s);
            if (loss != PairLoss.RELATIVE) {
                double slope = 0;
                double size = 0;
                for (int k = 0; k < n; k++) {
                    slope += d[k] * loss.derivative(s * d[k], g[k]);
                    size += Math.abs(d[k] * loss.derivative(2 * s * d[k], g[k]));
                }
                assertEquals(0, slope, 1e-8 * size, loss + ": slope at s = " + s);
            }
            double[] exact = new double[n];
            for (int k = 0; k < n; k++) {
                exact[k] = g[k] / 3;
            }
            assertEquals(3, loss.optimalScale(exact, g, n), 1e-9, loss.key());
        }
    }

    private static double total(PairLoss loss, double s, double[] d, double[] g, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += loss.value(s * d[k], g[k]);
        }
        return sum;
    }
}
