package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.load.Model;
import geo.runtime.spline.LagrangianCost;
import geo.runtime.spline.SplineAction;
import geo.runtime.spline.SplinePath;
import org.junit.jupiter.api.Test;

/**
 * Spline geodesics and Lagrangian costs on compiled example models, against closed forms
 * (architecture.md, "Test oracles") and central finite differences.
 */
class SplineOracleTest {

    private static Model model(String file) {
        return GeometryOracles.model(file);
    }

    static double poincare(double[] x, double[] y) {
        return GeometryOracles.poincareDistance(x, y);
    }

    /**
     * The spline's distance error is O(h⁶): the action is stationary at the geodesic, so its
     * error is quadratic in the H¹ error of the best C² cubic approximation, O(h³)², and d = √(2S)
     * inherits it; Gauss–Legendre with 4 nodes adds only O(h⁸).
     */
    @Test
    void poincareDistanceMatchesTheClosedFormAndConvergesAtOrderSix() {
        Model m = model("poincare.geo");
        double[][][] pairs = {{{-0.4, 0.3}, {0.5, -0.1}}, {{-0.6, 0.2}, {0.5, 0.55}}};
        int[] segments = {4, 8, 16, 32};
        StringBuilder report = new StringBuilder("Poincaré spline distance errors:");
        for (double[][] pair : pairs) {
            double exact = poincare(pair[0], pair[1]);
            double[] error = new double[segments.length];
            for (int k = 0; k < segments.length; k++) {
                LagrangianCost cost = new LagrangianCost(m.lagrangian(),
                        LagrangianCost.Options.defaults().withSegments(segments[k]));
                LagrangianCost.Result r = cost.solve(pair[0], pair[1], m.defaultParameters()).requireConverged();
                error[k] = r.metricDistance() - exact;
                // The spline space is a subset of all paths: its minimal action can only be larger.
                assertTrue(error[k] > -1e-12, "E = " + segments[k] + ": spline distance below the true one");
            }
            assertTrue(Math.abs(error[2]) < 1e-4, "E = 16: error " + error[2]);
            report.append(String.format("%n  d = %.6f:", exact));
            for (int k = 0; k < segments.length; k++) {
                report.append(String.format("  E=%d %.3e", segments[k], error[k]));
            }
            for (int k = 0; k + 1 < segments.length; k++) {
                double order = Math.log(error[k] / error[k + 1]) / Math.log(2);
                report.append(String.format("  order(%d→%d) %.2f", segments[k], segments[k + 1], order));
                // Pre-asymptotic on the coarsest pair for long geodesics; the finer pairs must show 6.
                boolean ok = k == 0 ? order > 5.5 : order > 5.5 && order < 6.5;
                assertTrue(ok, "observed order " + order + " between E = " + segments[k]
                        + " and " + segments[k + 1] + "\n" + report);
            }
        }
        System.out.println(report);
    }

    @Test
    void sphereDistanceMatchesTheGreatCircle() {
        Model m = model("sphere.geo");
        double[] x = {1.0, 0.3};
        double[] y = {2.0, 1.4};
        double exact = Math.acos(Math.cos(x[0]) * Math.cos(y[0])
                + Math.sin(x[0]) * Math.sin(y[0]) * Math.cos(x[1] - y[1]));
        LagrangianCost.Result r = new LagrangianCost(m.lagrangian()).solve(x, y, m.defaultParameters())
                .requireConverged();
        assertEquals(exact, r.metricDistance(), 1e-7);
    }

    /** The relative tolerance of the finite-difference checks of ∂c/∂x, ∂c/∂y, ∂c/∂θ. */

    @Test
    void poincareGradientsInTheEnds() {
        Model m = model("poincare.geo");
        double worst = checkGradients(m, new double[] {-0.4, 0.3}, new double[] {0.5, -0.1}, m.defaultParameters(),
                new double[0][]);
        System.out.printf("Poincaré: worst relative FD error of ∂c/∂x, ∂c/∂y: %.2e%n", worst);
    }

    @Test
    void sphereGradientsInTheEnds() {
        Model m = model("sphere.geo");
        double worst = checkGradients(m, new double[] {1.0, 0.3}, new double[] {2.0, 1.4}, m.defaultParameters(),
                new double[0][]);
        System.out.printf("sphere: worst relative FD error of ∂c/∂x, ∂c/∂y: %.2e%n", worst);
    }

    @Test
    void deepMetricGradientsInTheEndsAndTheta() {
        Model m = model("deep.geo");
        double[] theta = m.defaultParameters();
        double[][] directions = GradientChecks.directions(theta.length, 6, 17);
        double worst = checkGradients(m, new double[] {0.3, -0.2}, new double[] {-0.5, 0.6}, theta, directions);
        System.out.printf("deep: worst relative FD error of ∂c/∂x, ∂c/∂y, ∂c/∂θ·u: %.2e%n", worst);
    }

    /**
     * Kinetic energy plus a Gaussian bump of height M = 5 and width² 0.05 at c = 0: the minimal
     * path bends around the bump and costs less than the straight line through it; its gradients
     * in the ends and in θ = (c, M) match finite differences.
     */
    @Test
    void obstaclePathAvoidsTheBump() {
        Model m = model("obstacle.geo");
        LagrangianKernels kernels = m.lagrangian();
        double[] theta = m.defaultParameters();
        double[] x = {-1, 0.05};
        double[] y = {1, 0.1};
        LagrangianCost.Result r = new LagrangianCost(kernels).solve(x, y, theta).requireConverged();
        SplineAction straight = new SplineAction(m.lagrangian(), 16, 4);
        straight.setProblem(x, y, theta);
        double straightCost = straight.valueAndGradient(SplinePath.straight(x, y, 16).freeParameters(),
                new double[straight.freeCount()]);
        double nearest = Double.POSITIVE_INFINITY;
        for (double[] p : r.path().sample(401)) {
            nearest = Math.min(nearest, Math.hypot(p[0] - theta[0], p[1] - theta[1]));
        }
        // On the straight line the bump costs ≈ 1; around it the potential is small (M e^{-r²/0.05}).
        assertTrue(r.cost() < straightCost - 0.3, "cost " + r.cost() + " vs straight line " + straightCost);
        assertTrue(nearest > 0.3, "the path passes within " + nearest + " of the bump's centre");
        double worst = checkGradients(m, x, y, theta, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        System.out.printf("obstacle: cost %.6f (straight line %.6f), closest approach %.3f, worst relative FD error %.2e%n",
                r.cost(), straightCost, nearest, worst);
    }

    /**
     * With symmetric ends the straight line is a critical point (a saddle) of the action; warm
     * starts bent up or down choose the homotopy class, and the two minima mirror each other.
     */
    @Test
    void warmStartsChooseTheSideOfTheObstacle() {
        Model m = model("obstacle.geo");
        double[] theta = m.defaultParameters();
        double[] x = {-1, 0};
        double[] y = {1, 0};
        LagrangianCost cost = new LagrangianCost(m.lagrangian());
        LagrangianCost.Result[] sides = new LagrangianCost.Result[2];
        for (int side = 0; side < 2; side++) {
            SplinePath line = SplinePath.straight(x, y, 16);
            double[] z = line.freeParameters();
            for (int k = 1; k < 16; k++) {
                z[(k - 1) * 2 + 1] = (side == 0 ? 0.3 : -0.3) * Math.sin(Math.PI * k / 16);
            }
            sides[side] = cost.solve(x, y, theta, new SplinePath(line.basis(), z, x, y)).requireConverged();
        }
        double[] up = new double[2];
        double[] down = new double[2];
        sides[0].path().position(0.5, up);
        sides[1].path().position(0.5, down);
        assertTrue(up[1] > 0.3 && down[1] < -0.3, up[1] + ", " + down[1]);
        assertEquals(up[1], -down[1], 1e-6);
        assertEquals(sides[0].cost(), sides[1].cost(), 1e-10);
    }

    /**
     * Compares ∂c/∂x, ∂c/∂y (every component) and ∂c/∂θ·u (each direction u) with central
     * differences of step {@link GradientChecks#STEP}, each perturbed cost re-solved from the optimal path (a warm
     * start keeps it on the same local minimum). Returns the worst relative error.
     */
    static double checkGradients(Model m, double[] x, double[] y, double[] theta, double[][] thetaDirections) {
        LagrangianCost cost = new LagrangianCost(m.lagrangian());
        LagrangianCost.Result base = cost.solve(x, y, theta).requireConverged();
        return GradientChecks.pairCost((a, b, t) -> cost.solve(a, b, t, base.path()).requireConverged().cost(), x, y,
                theta, base.gradStart(), base.gradEnd(), base.gradTheta(), thetaDirections);
    }
}
