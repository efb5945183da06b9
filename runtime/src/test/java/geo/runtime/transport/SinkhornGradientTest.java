package geo.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Gradients of OT_ε against central finite differences. ε is absolute here (a relative ε would
 * move with max|C| under the perturbation), and the solves run to a marginal error of 10⁻¹³, since
 * the gradient in C is π exactly only at the optimum. With h = 10⁻⁵ the truncation error is
 * O(h² ‖∂³OT_ε‖) ≈ 10⁻¹⁰ and the rounding error about 10⁻¹³ / h = 10⁻⁸; the tolerance is 10⁻⁷.
 */
class SinkhornGradientTest {

    private static final double H = 1e-5;
    private static final double TOL = 1e-7;
    private static final SinkhornOptions TIGHT = SinkhornOptions.DEFAULTS.withEpsilon(0.05).withRelativeEpsilon(false)
            .withTolerance(1e-13);

    @Test
    void gradientInTheCostMatrixIsThePlan() {
        SplittableRandom r = new SplittableRandom(9);
        CostMatrix c = SinkhornTest.randomCost(r, 5, 6, 1);
        double[] a = SinkhornTest.weights(r, 5, 1);
        double[] b = SinkhornTest.weights(r, 6, 1);
        SinkhornResult s = Sinkhorn.solve(c, a, b, TIGHT);
        double[] pi = s.costGradient();
        for (int k = 0; k < c.values().length; k++) {
            double[] plus = c.values().clone();
            double[] minus = c.values().clone();
            plus[k] += H;
            minus[k] -= H;
            double fd = (Sinkhorn.solve(new CostMatrix(5, 6, plus), a, b, TIGHT).regularisedCost()
                    - Sinkhorn.solve(new CostMatrix(5, 6, minus), a, b, TIGHT).regularisedCost()) / (2 * H);
            assertEquals(fd, pi[k], TOL, "∂OT/∂C[" + k / 6 + "][" + k % 6 + "]");
        }
    }

    @Test
    void gradientInThePointsForBothSquaredEuclideanConventions() {
        for (PointCost cost : new PointCost[] {PointCost.HALF_SQUARED_EUCLIDEAN, PointCost.SQUARED_EUCLIDEAN}) {
            SplittableRandom r = new SplittableRandom(17);
            double[][] x = SinkhornTest.cloud(r, 5, 2, 1);
            double[][] y = SinkhornTest.cloud(r, 4, 2, 1);
            double[] a = SinkhornTest.weights(r, 5, 1);
            double[] b = SinkhornTest.weights(r, 4, 1);
            PointGradient grad = Sinkhorn.solve(cost.matrix(x, y), a, b, TIGHT).pointGradient(x, y, cost);
            for (int i = 0; i < x.length; i++) {
                for (int d = 0; d < 2; d++) {
                    assertEquals(fd(x, i, d, () -> Sinkhorn.solve(cost.matrix(x, y), a, b, TIGHT).regularisedCost()),
                            grad.x()[i][d], TOL, cost + " ∂/∂x[" + i + "][" + d + "]");
                }
            }
            for (int j = 0; j < y.length; j++) {
                for (int d = 0; d < 2; d++) {
                    assertEquals(fd(y, j, d, () -> Sinkhorn.solve(cost.matrix(x, y), a, b, TIGHT).regularisedCost()),
                            grad.y()[j][d], TOL, cost + " ∂/∂y[" + j + "][" + d + "]");
                }
            }
        }
    }

    /** The squared Euclidean costs and their gradients in closed form; the ½ convention is half the other. */
    @Test
    void squaredEuclideanConventions() {
        double[] x = {1, 2, -1};
        double[] y = {0.5, -1, 2};
        assertEquals(0.25 + 9 + 9, PointCost.SQUARED_EUCLIDEAN.cost(x, y), 1e-15);
        assertEquals(0.5 * (0.25 + 9 + 9), PointCost.HALF_SQUARED_EUCLIDEAN.cost(x, y), 1e-15);
        double[] gx = new double[3];
        double[] gy = new double[3];
        PointCost.HALF_SQUARED_EUCLIDEAN.gradient(x, y, gx, gy);
        for (int d = 0; d < 3; d++) {
            assertEquals(x[d] - y[d], gx[d], 1e-15);
            assertEquals(y[d] - x[d], gy[d], 1e-15);
        }
        assertThrows(IllegalArgumentException.class, () -> PointCost.SQUARED_EUCLIDEAN.cost(x, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new PointCost.SquaredEuclidean(0));
    }

    interface Value {
        double get();
    }

    /** Central difference of v in p[i][d] (restored afterwards). */
    static double fd(double[][] p, int i, int d, Value v) {
        double keep = p[i][d];
        p[i][d] = keep + H;
        double plus = v.get();
        p[i][d] = keep - H;
        double minus = v.get();
        p[i][d] = keep;
        return (plus - minus) / (2 * H);
    }
}
