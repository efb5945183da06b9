package geo.runtime.spline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.Status;
import org.junit.jupiter.api.Test;

class LagrangianCostTest {

    @Test
    void constantMetricGivesTheClosedFormAndItsGradients() {
        // c = ½ ΔᵀAΔ, ∂c/∂y = AΔ = −∂c/∂x, ∂c/∂A = ½ ΔΔᵀ (θ₁ is the off-diagonal pair: Δ₀Δ₁).
        double[] theta = {2.0, 0.5, 1.0};
        double[] x = {0.3, -0.2};
        double[] y = {-1.1, 0.9};
        double[] delta = {y[0] - x[0], y[1] - x[1]};
        double[] aDelta = {theta[0] * delta[0] + theta[1] * delta[1], theta[1] * delta[0] + theta[2] * delta[1]};
        double c = 0.5 * (delta[0] * aDelta[0] + delta[1] * aDelta[1]);
        LagrangianCost cost = new LagrangianCost(TestLagrangians.constantMetric(),
                LagrangianCost.Options.defaults().withSegments(6));
        LagrangianCost.Result r = cost.solve(x, y, theta).requireConverged();
        assertEquals(c, r.cost(), 1e-12);
        assertEquals(Math.sqrt(2 * c), r.metricDistance(), 1e-12);
        for (int i = 0; i < 2; i++) {
            assertEquals(aDelta[i], r.gradEnd()[i], 1e-9);
            assertEquals(-aDelta[i], r.gradStart()[i], 1e-9);
        }
        assertEquals(0.5 * delta[0] * delta[0], r.gradTheta()[0], 1e-9);
        assertEquals(delta[0] * delta[1], r.gradTheta()[1], 1e-9);
        assertEquals(0.5 * delta[1] * delta[1], r.gradTheta()[2], 1e-9);
    }

    @Test
    void poincareDiscDistanceFromAHandWrittenKernel() {
        double[] x = {-0.4, 0.3};
        double[] y = {0.5, -0.1};
        LagrangianCost.Result r = new LagrangianCost(TestLagrangians.poincare()).solve(x, y, new double[0])
                .requireConverged();
        double dx = x[0] - y[0];
        double dy = x[1] - y[1];
        double exact = acosh(1 + 2 * (dx * dx + dy * dy)
                / ((1 - x[0] * x[0] - x[1] * x[1]) * (1 - y[0] * y[0] - y[1] * y[1])));
        assertEquals(exact, r.metricDistance(), 1e-5);
    }

    static double acosh(double u) {
        return Math.log(u + Math.sqrt(u * u - 1));
    }

    @Test
    void unconvergedRunsSayNoAndWarmStartsFinishThem() {
        LagrangianCost.Options tight = LagrangianCost.Options.defaults()
                .withOptimizer(Lbfgs.Settings.defaults().withGradientTolerance(1e-10).withMaxIterations(2));
        double[] x = {-0.4, 0.3};
        double[] y = {0.5, -0.1};
        LagrangianCost.Result r = new LagrangianCost(TestLagrangians.poincare(), tight).solve(x, y, new double[0]);
        assertEquals(Status.MAX_ITERATIONS, r.optimisation().status());
        assertFalse(r.converged());
        assertThrows(IllegalStateException.class, r::requireConverged);
        LagrangianCost full = new LagrangianCost(TestLagrangians.poincare());
        LagrangianCost.Result cold = full.solve(x, y, new double[0]).requireConverged();
        LagrangianCost.Result warm = full.solve(x, y, new double[0], cold.path()).requireConverged();
        assertTrue(warm.optimisation().iterations() <= 2, warm.optimisation().toString());
        assertEquals(cold.cost(), warm.cost(), 1e-13);
        double[] y2 = {0.52, -0.08};
        LagrangianCost.Result moved = full.solve(x, y2, new double[0], cold.path()).requireConverged();
        LagrangianCost.Result movedCold = full.solve(x, y2, new double[0]).requireConverged();
        assertEquals(movedCold.cost(), moved.cost(), 1e-12);
        assertTrue(moved.path().segments() == 16 && java.util.Arrays.equals(moved.path().end(), y2));
    }
}
