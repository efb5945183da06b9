package geo.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The debiased Sinkhorn divergence: zero on identical clouds, positive otherwise, its gradient. */
class SinkhornDivergenceTest {

    static final PointCost HALF = PointCost.HALF_SQUARED_EUCLIDEAN;

    @Test
    void identicalCloudsGiveZeroAndZeroGradient() {
        SplittableRandom r = new SplittableRandom(1);
        double[][] x = SinkhornTest.cloud(r, 12, 2, 1);
        double[][] y = new double[12][];
        for (int i = 0; i < 12; i++) {
            y[i] = x[i].clone();
        }
        double[] a = SinkhornTest.weights(r, 12, 1);
        SinkhornDivergence.PointResult s = SinkhornDivergence.compute(x, y, a, a.clone(), HALF,
                SinkhornOptions.DEFAULTS);
        assertEquals(OtStatus.CONVERGED, s.divergence().status());
        assertEquals(0, s.divergence().value(), 1e-15);
        for (int i = 0; i < 12; i++) {
            for (int d = 0; d < 2; d++) {
                assertEquals(0, s.gradient().x()[i][d], 1e-12);
                assertEquals(0, s.gradient().y()[i][d], 1e-12);
            }
        }
        // OT_ε(α, α) itself is not 0: the bias the divergence removes
        assertTrue(s.divergence().xx().regularisedCost() > 1e-4);
    }

    /** S_ε ≥ 0, and it grows as one cloud is shifted away from the other. */
    @Test
    void divergenceIsNonNegativeAndGrowsWithAShift() {
        SplittableRandom r = new SplittableRandom(2);
        for (int trial = 0; trial < 3; trial++) {
            double[][] x = SinkhornTest.cloud(r, 15, 2, 1);
            double[][] y = SinkhornTest.cloud(r, 11, 2, 1);
            double[] a = SinkhornTest.weights(r, 15, 1);
            double[] b = SinkhornTest.weights(r, 11, 1);
            double previous = 0;
            for (double shift : new double[] {0, 0.2, 0.5}) {
                double[][] ys = new double[11][];
                for (int j = 0; j < 11; j++) {
                    ys[j] = new double[] {y[j][0] + shift, y[j][1]};
                }
                for (double e : new double[] {1e-1, 1e-2}) {
                    SinkhornDivergence.Result s = SinkhornDivergence.compute(x, ys, a, b, HALF,
                            SinkhornOptions.DEFAULTS.withEpsilon(e)).divergence();
                    assertEquals(OtStatus.CONVERGED, s.status());
                    assertTrue(s.value() > 0, "S = " + s.value());
                    if (e == 1e-2) {
                        assertTrue(s.value() > previous, "shift " + shift + ": " + s.value() + " ≤ " + previous);
                        previous = s.value();
                    }
                }
            }
        }
    }

    @Test
    void gradientInThePointsMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] x = SinkhornTest.cloud(r, 4, 2, 1);
        double[][] y = SinkhornTest.cloud(r, 5, 2, 1);
        double[] a = SinkhornTest.weights(r, 4, 1);
        double[] b = SinkhornTest.weights(r, 5, 1);
        SinkhornOptions o = SinkhornOptions.DEFAULTS.withEpsilon(0.05).withRelativeEpsilon(false).withTolerance(1e-13);
        for (PointCost cost : new PointCost[] {HALF, PointCost.SQUARED_EUCLIDEAN}) {
            PointGradient g = SinkhornDivergence.compute(x, y, a, b, cost, o).gradient();
            SinkhornGradientTest.Value v = () -> SinkhornDivergence.compute(x, y, a, b, cost, o).divergence().value();
            for (int i = 0; i < x.length; i++) {
                for (int d = 0; d < 2; d++) {
                    assertEquals(SinkhornGradientTest.fd(x, i, d, v), g.x()[i][d], 1e-7, "∂S/∂x[" + i + "][" + d + "]");
                }
            }
            for (int j = 0; j < y.length; j++) {
                for (int d = 0; d < 2; d++) {
                    assertEquals(SinkhornGradientTest.fd(y, j, d, v), g.y()[j][d], 1e-7, "∂S/∂y[" + j + "][" + d + "]");
                }
            }
        }
    }

    /** A relative ε is taken from the largest of the three cost scales, so all three share one ε. */
    @Test
    void theThreeProblemsShareOneEpsilon() {
        SplittableRandom r = new SplittableRandom(4);
        double[][] x = SinkhornTest.cloud(r, 6, 2, 1);
        double[][] y = SinkhornTest.cloud(r, 7, 2, 3);
        SinkhornDivergence.Result s = SinkhornDivergence.compute(x, y, SinkhornTest.uniform(6), SinkhornTest.uniform(7),
                HALF, SinkhornOptions.DEFAULTS).divergence();
        double scale = Math.max(HALF.matrix(x, y).maxAbs(), Math.max(HALF.matrix(x, x).maxAbs(),
                HALF.matrix(y, y).maxAbs()));
        assertEquals(1e-2 * scale, s.epsilon(), 0);
        assertEquals(s.epsilon(), s.xy().epsilon(), 0);
        assertEquals(s.epsilon(), s.xx().epsilon(), 0);
        assertEquals(s.epsilon(), s.yy().epsilon(), 0);
    }

    @Test
    void badShapesAreRejected() {
        SplittableRandom r = new SplittableRandom(5);
        CostMatrix c23 = SinkhornTest.randomCost(r, 2, 3, 1);
        CostMatrix c22 = SinkhornTest.randomCost(r, 2, 2, 1);
        CostMatrix c33 = SinkhornTest.randomCost(r, 3, 3, 1);
        double[] a = SinkhornTest.uniform(2);
        double[] b = SinkhornTest.uniform(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SinkhornDivergence.compute(c23, c33, c22, a, b, SinkhornOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("C^xx and C^yy must be 2 × 2 and 3 × 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SinkhornDivergence.compute(new double[][] {{0, 0}},
                new double[][] {{0, 0, 0}}, new double[] {1}, new double[] {1}, HALF, SinkhornOptions.DEFAULTS));
    }
}
