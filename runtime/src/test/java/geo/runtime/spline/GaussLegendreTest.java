package geo.runtime.spline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussLegendreTest {

    /** Σ wᵢ tᵢᵏ against ∫₀¹ tᵏ dt = 1/(k+1). */
    private static double error(GaussLegendre rule, int k) {
        double s = 0;
        for (int q = 0; q < rule.size(); q++) {
            s += rule.weight(q) * Math.pow(rule.node(q), k);
        }
        return Math.abs(s - 1.0 / (k + 1));
    }

    @Test
    void exactUpToDegreeTwoNMinusOneAndNotBeyond() {
        for (int n = 1; n <= 12; n++) {
            GaussLegendre rule = new GaussLegendre(n);
            assertEquals(2 * n - 1, rule.exactDegree());
            for (int k = 0; k <= 2 * n - 1; k++) {
                assertTrue(error(rule, k) < 1e-15, "n = " + n + ", t^" + k + ": error " + error(rule, k));
            }
            assertTrue(error(rule, 2 * n) > 1e-13 * Math.pow(0.25, n), "n = " + n + " should not integrate t^" + 2 * n);
        }
    }

    @Test
    void nodesAreAscendingSymmetricAndWeightsPositive() {
        for (int n = 1; n <= 20; n++) {
            GaussLegendre rule = new GaussLegendre(n);
            for (int q = 0; q < n; q++) {
                assertTrue(rule.node(q) > 0 && rule.node(q) < 1 && rule.weight(q) > 0);
                assertEquals(1, rule.node(q) + rule.node(n - 1 - q), 1e-15);
                assertEquals(rule.weight(q), rule.weight(n - 1 - q), 1e-15);
                if (q > 0) {
                    assertTrue(rule.node(q) > rule.node(q - 1));
                }
            }
        }
    }

    @Test
    void knownThreePointRule() {
        GaussLegendre rule = new GaussLegendre(3);
        assertEquals(0.5 - 0.5 * Math.sqrt(0.6), rule.node(0), 1e-16);
        assertEquals(0.5, rule.node(1), 0);
        assertEquals(5.0 / 18, rule.weight(0), 1e-15);
        assertEquals(8.0 / 18, rule.weight(1), 1e-15);
    }
}
