package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
