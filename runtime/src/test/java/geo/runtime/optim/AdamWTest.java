package geo.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdamWTest {

    /** Adam delegates to AdamW; this pins the update to Kingma & Ba's formula written out independently. */
    @Test
    void withoutDecayItIsAdamBitForBit() {
        SplittableRandom random = new SplittableRandom(3);
        double[] a = random.doubles(7, -1, 1).toArray();
        double[] b = a.clone();
        Adam adam = new Adam(7, 0.01);
        AdamW adamW = new AdamW(7, 0.01, 0);
        for (int step = 0; step < 50; step++) {
            double[] g = random.doubles(7, -2, 2).toArray();
            adam.step(a, g);
            adamW.step(b, g);
        }
        assertArrayEquals(a, b, 0.0);
        // And both follow the formula, written out here on its own.
        double[] x = {0.5};
        double m = 0;
        double v = 0;
        double want = 0.5;
        AdamW w = new AdamW(1, 0.01, 0);
        for (int t = 1; t <= 20; t++) {
            double g = Math.sin(t);
            w.step(x, new double[] {g});
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            want -= 0.01 * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-8);
        }
        assertEquals(want, x[0], 1e-14);
    }

    /** Step 1 by hand: m̂ = g, v̂ = g², so x₁ = x₀ − ηλx₀ − η g/(|g| + ε). */
    @Test
    void firstStepDecaysThenMovesAgainstTheGradient() {
        double eta = 0.1;
        double lambda = 0.5;
        double[] x = {2.0, -1.0};
        double[] g = {3.0, -0.5};
        AdamW w = new AdamW(2, eta, lambda);
        w.step(x, g);
        double x0 = 2.0 - eta * lambda * 2.0;
        double x1 = -1.0 - eta * lambda * -1.0;
        assertEquals(x0 - eta * 3.0 / (3.0 + 1e-8), x[0], 1e-15);
        assertEquals(x1 - eta * -0.5 / (0.5 + 1e-8), x[1], 1e-15);
    }

    @Test
    void aScheduledRateScalesTheDecayToo() {
        double[] x = {1.0};
        AdamW w = new AdamW(1, 1.0, 0.1);
        w.learningRate(0.01);
        w.step(x, new double[] {0});
        // g = 0: m = v = 0, only the decay acts: x ← x − 0.01·0.1·x.
        assertEquals(1 - 0.001, x[0], 1e-16);
    }

    @Test
    void nonFiniteGradientIsRefusedAndNothingMoves() {
        double[] x = {1, 2};
        AdamW w = new AdamW(2, 0.1, 0.1);
        assertFalse(w.step(x, new double[] {1, Double.NaN}));
        assertArrayEquals(new double[] {1, 2}, x, 0.0);
        assertEquals(0, w.steps());
    }

    @Test
    void clippingScalesToTheGlobalNormAndKeepsTheDirection() {
        double[] g = {3, 4};
        assertEquals(5, AdamW.clipGlobalNorm(g, 1), 0);
        assertArrayEquals(new double[] {0.6, 0.8}, g, 1e-15);
        double[] small = {0.3, 0.4};
        AdamW.clipGlobalNorm(small, 1);
        assertArrayEquals(new double[] {0.3, 0.4}, small, 0.0);
    }
}
