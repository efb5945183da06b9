package geo.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.bvp.Minimality;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.OtStatus;
import geo.runtime.transport.PointGradient;
import geo.runtime.transport.Sinkhorn;
import geo.runtime.transport.SinkhornOptions;
import geo.runtime.transport.SinkhornResult;
import geo.runtime.transport.TransportPlan;
import geo.runtime.transport.cost.CostMatrices;
import geo.runtime.transport.cost.CostResult;
import geo.runtime.transport.cost.EntryFailure;
import geo.runtime.transport.cost.EntryResult;
import geo.runtime.transport.cost.EntryStatus;
import geo.runtime.transport.cost.LagrangianActionCost;
import geo.runtime.transport.cost.PairCost;
import geo.runtime.transport.cost.PairPointCost;
import geo.runtime.transport.cost.PlanGradient;
import geo.runtime.transport.cost.SquaredEuclideanCost;
import geo.runtime.transport.cost.SquaredGeodesicCost;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Cost matrices of compiled models against closed forms (the Poincaré distance, the free
 * particle), their gradients in the points and θ, and the θ-gradient of a transport cost with a
 * fixed plan, against central finite differences: relative error below {@value GradientChecks#TOLERANCE}
 * (relative to the larger of |analytic| and 1e-3 of the gradient block's largest entry), step
 * {@value GradientChecks#STEP}, each perturbed cost solved cold.
 */
class CostMatricesTest {


    /**
     * Geodesic costs for the gradient checks: RK4 with 400 steps (a smooth map of the initial
     * velocity, so the discrete cost is differentiable; O(400⁻⁴) from the exact one), Newton to
     * 1e-12, Simpson on the mesh for ∂c/∂θ.
     */
    private static final SquaredGeodesicCost.Options FINE = new SquaredGeodesicCost.Options(GeodesicMethod.rk4(400),
            new Shooting.Options(1e-12, 50, 30, true, Minimality.CONJUGATE_POINTS), 0, true, true);

    private static Model compile(String text) {
        SourceFile source = SourceFile.of("free.geo", text);
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load().only();
    }

    private static final String FREE = """
            manifold Free {
              coords x[2];
              lagrangian L(v) = 0.5 * dot(v, v);
            }
            """;

    private static double[][] cloud(SplittableRandom random, int n, double lo, double hi) {
        double[][] p = new double[n][2];
        for (double[] q : p) {
            q[0] = lo + (hi - lo) * random.nextDouble();
            q[1] = lo + (hi - lo) * random.nextDouble();
        }
        return p;
    }

    private static CostMatrix built(CostResult r) {
        if (r instanceof CostResult.Failed f) {
            throw new AssertionError(f.summary());
        }
        return ((CostResult.Built) r).matrix();
    }

    @Test
    void freeParticleActionIsHalfTheSquaredDistance() {
        Model free = compile(FREE);
        SplittableRandom random = new SplittableRandom(3);
        double[][] xs = cloud(random, 5, -2, 2);
        double[][] ys = cloud(random, 4, -2, 2);
        CostMatrix c = built(CostMatrices.build(new LagrangianActionCost(free, LagrangianActionCost.Options.DEFAULTS),
                xs, ys, new double[0], 2));
        CostMatrix e = built(CostMatrices.build(new SquaredEuclideanCost(2), xs, ys, new double[0], 1));
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ys.length; j++) {
                assertEquals(0.5 * e.get(i, j), c.get(i, j), 1e-10, "entry " + i + ", " + j);
            }
        }
    }

    /**
     * The discrete action of Pooladian et al. (B2) for L = ½|v|² in closed form: equal
     * displacements D = (y − x)/(T − 1) minimise it, so the action is (T − 1)·½|D + δ𝟙|² (no dt,
     * so 1/(T − 1) of the continuous one).
     */
    @Test
    void freeParticleDiscreteActionInClosedForm() {
        Model free = compile(FREE);
        double[] x = {-1.2, 0.4};
        double[] y = {0.9, -0.7};
        int t = LagrangianActionCost.Options.SAMPLES;
        double delta = LagrangianActionCost.Options.OFFSET;
        double action = 0;
        for (int i = 0; i < 2; i++) {
            double step = (y[i] - x[i]) / (t - 1) + delta;
            action += 0.5 * (t - 1) * step * step;
        }
        EntryResult a = new LagrangianActionCost(free, LagrangianActionCost.Options.PAPER).cost(x, y, new double[0], false);
        assertEquals(action, a.value(), 1e-12);
    }

    @Test
    void poincareSquaredGeodesicMatchesArccoshAndIsThreadIndependent() {
        Model m = GeometryOracles.model("poincare.geo");
        SplittableRandom random = new SplittableRandom(5);
        double[][] xs = cloud(random, 7, -0.6, 0.6);
        double[][] ys = cloud(random, 6, -0.6, 0.6);
        SquaredGeodesicCost cost = new SquaredGeodesicCost(m, SquaredGeodesicCost.Options.DEFAULTS);
        AtomicLong rows = new AtomicLong();
        CostMatrix one = built(CostMatrices.build(cost, xs, ys, new double[0], 1, (i, n) -> rows.incrementAndGet()));
        CostMatrix two = built(CostMatrices.build(cost, xs, ys, new double[0], 2));
        assertEquals(xs.length, rows.get());
        assertArrayEquals(one.values(), two.values(), "1 and 2 threads must give the same bits");
        double worst = 0;
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ys.length; j++) {
                double dist = GeometryOracles.poincareDistance(xs[i], ys[j]);
                worst = Math.max(worst, Math.abs(one.get(i, j) - dist * dist) / Math.max(1, dist * dist));
            }
        }
        // RK4 with 64 steps and a step-doubling tolerance of 1e-6: distances to about 1e-7.
        assertTrue(worst < 1e-6, "worst relative error " + worst);
        // Warm starts along rows change nothing beyond the tolerances.
        CostMatrix cold = built(CostMatrices.build(new SquaredGeodesicCost(m,
                SquaredGeodesicCost.Options.DEFAULTS.withWarmStart(false)), xs, ys, new double[0], 2));
        for (int k = 0; k < cold.values().length; k++) {
            assertEquals(cold.values()[k], one.values()[k], 1e-8);
        }
        System.out.printf("Poincaré d² matrix %d × %d: worst relative error %.2e%n", xs.length, ys.length, worst);
    }

    @Test
    void pointsOutsideTheDomainAndUnconvergedSolvesAreReported() {
        Model m = GeometryOracles.model("poincare.geo");
        double[][] xs = {{0.1, 0.2}, {1.2, 0.0}, {-0.3, 0.1}};
        double[][] ys = {{0.2, -0.1}, {0.5, 0.5}};
        CostResult r = CostMatrices.build(new SquaredGeodesicCost(m, SquaredGeodesicCost.Options.DEFAULTS), xs, ys,
                new double[0], 2);
        CostResult.Failed f = assertInstanceOf(CostResult.Failed.class, r);
        assertEquals(2, f.failures().size());
        for (int j = 0; j < 2; j++) {
            EntryFailure e = f.failures().get(j);
            assertEquals(1, e.row());
            assertEquals(j, e.col());
            assertEquals(EntryStatus.OUTSIDE_DOMAIN, e.status());
            assertTrue(e.detail().contains("radius"), e.detail());
        }
        assertEquals(4L, f.counts().get(EntryStatus.OK));
        assertEquals(2L, f.counts().get(EntryStatus.OUTSIDE_DOMAIN));
        assertTrue(f.summary().startsWith("2 of 6 cost entries failed (OUTSIDE_DOMAIN 2); first (1, 0)"), f.summary());
        // One Newton step cannot reach a distant point, with or without continuation.
        SquaredGeodesicCost starved = new SquaredGeodesicCost(m, new SquaredGeodesicCost.Options(
                GeodesicMethod.rk4(64), new Shooting.Options(1e-12, 1, 0, false, Minimality.CONJUGATE_POINTS), 0, true,
                true));
        CostResult.Failed g = assertInstanceOf(CostResult.Failed.class,
                CostMatrices.build(starved, new double[][] {{-0.7, 0.1}}, new double[][] {{0.7, 0.2}, {-0.7, 0.1}},
                        new double[0], 1));
        assertEquals(1, g.failures().size(), g.summary());
        assertEquals(EntryStatus.NOT_CONVERGED, g.failures().get(0).status());
        assertEquals(0, g.failures().get(0).col());
        // Near the boundary 64 RK4 steps miss the error estimate; two doublings (the default) meet it.
        double[][] near = {{0.995, 0.0}};
        double[][] far = {{0.3, 0.3}, {0.5, -0.2}};
        CostResult.Failed coarse = assertInstanceOf(CostResult.Failed.class, CostMatrices.build(new SquaredGeodesicCost(m,
                SquaredGeodesicCost.Options.DEFAULTS.withRefinements(0)), near, far, new double[0], 1));
        assertEquals(EntryStatus.INACCURATE, coarse.failures().get(0).status(), coarse.summary());
        CostMatrix refined = built(CostMatrices.build(new SquaredGeodesicCost(m, SquaredGeodesicCost.Options.DEFAULTS),
                near, far, new double[0], 1));
        for (int j = 0; j < 2; j++) {
            double dist = GeometryOracles.poincareDistance(near[0], far[j]);
            assertEquals(dist * dist, refined.get(0, j), 1e-5 * dist * dist);
        }
        // A Lagrangian cost refuses the same point.
        CostResult.Failed h = assertInstanceOf(CostResult.Failed.class, CostMatrices.build(
                new LagrangianActionCost(m, LagrangianActionCost.Options.DEFAULTS), xs, ys, new double[0], 1));
        assertEquals(2, h.failures().size());
        assertEquals(EntryStatus.OUTSIDE_DOMAIN, h.failures().get(1).status());
    }

    @Test
    void geodesicCostGradientsInThePointsAndTheta() {
        Model m = GeometryOracles.model("deep.geo");
        double[] theta = m.defaultParameters();
        double worst = checkGradients(new SquaredGeodesicCost(m, FINE), new double[] {0.3, -0.2},
                new double[] {-0.5, 0.6}, theta, GradientChecks.directions(theta.length, 5, 19));
        System.out.printf("deep d²: worst relative FD error of ∂c/∂x, ∂c/∂y, ∂c/∂θ·u: %.2e%n", worst);
    }

    @Test
    void lagrangianCostGradientsInThePointsAndTheta() {
        Model m = GeometryOracles.model("obstacle.geo");
        double[] theta = m.defaultParameters();
        double[] x = {-1, 0.05};
        double[] y = {1, 0.1};
        double[][] u = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (LagrangianActionCost.Options o : new LagrangianActionCost.Options[] {LagrangianActionCost.Options.DEFAULTS,
                LagrangianActionCost.Options.PAPER}) {
            double worst = checkGradients(new LagrangianActionCost(m, o), x, y, theta, u);
            System.out.printf("obstacle %s: worst relative FD error %.2e%n", o.convention(), worst);
        }
        Model deep = GeometryOracles.model("deep.geo");
        double worst = checkGradients(new LagrangianActionCost(deep, LagrangianActionCost.Options.PAPER),
                new double[] {0.3, -0.2}, new double[] {-0.5, 0.6}, deep.defaultParameters(),
                GradientChecks.directions(deep.defaultParameters().length, 5, 23));
        System.out.printf("deep discrete action: worst relative FD error %.2e%n", worst);
    }

    /**
     * The θ- and point-gradients of W = Σ π_k c_k for a fixed plan (split masses, one zero mass)
     * against central differences of W; 1 and 2 threads give the same bits.
     */
    @Test
    void transportCostGradientWithAFixedPlan() {
        Model m = GeometryOracles.model("deep.geo");
        SplittableRandom random = new SplittableRandom(11);
        checkPlanGradient(new SquaredGeodesicCost(m, FINE), m.defaultParameters(), cloud(random, 4, -0.8, 0.8),
                cloud(random, 3, -0.8, 0.8));
        Model obstacle = GeometryOracles.model("obstacle.geo");
        double[][] xs = cloud(random, 4, -0.5, 0.5);
        double[][] ys = cloud(random, 3, -0.5, 0.5);
        for (double[] x : xs) {
            x[0] -= 0.8;
        }
        for (double[] y : ys) {
            y[0] += 0.8;
        }
        checkPlanGradient(new LagrangianActionCost(obstacle, LagrangianActionCost.Options.DEFAULTS),
                obstacle.defaultParameters(), xs, ys);
    }

    private static void checkPlanGradient(PairCost cost, double[] theta, double[][] xs, double[][] ys) {
        TransportPlan plan = new TransportPlan(4, 3, new int[] {0, 1, 1, 2, 3, 3}, new int[] {2, 0, 1, 1, 0, 2},
                new double[] {0.25, 0.1, 0.15, 0.25, 0.0, 0.25});
        PlanGradient g = CostMatrices.planGradient(cost, xs, ys, theta, plan, 1);
        PlanGradient g2 = CostMatrices.planGradient(cost, xs, ys, theta, plan, 2);
        assertTrue(g.ok(), g.failures().toString());
        assertArrayEquals(g.theta(), g2.theta());
        assertEquals(g.cost(), g2.cost());
        CostMatrix c = built(CostMatrices.build(cost, xs, ys, theta, 2));
        assertEquals(plan.cost(c), g.cost(), 1e-10);
        double worst = 0;
        for (double[] u : GradientChecks.directions(theta.length, 5, 29)) {
            worst = Math.max(worst, GradientChecks.directional(t -> planCost(cost, xs, ys, t, plan), theta, g.theta(), u,
                    "∂W/∂θ·u"));
        }
        for (int i = 0; i < xs.length; i++) {
            for (int a = 0; a < 2; a++) {
                double saved = xs[i][a];
                xs[i][a] = saved + GradientChecks.STEP;
                double p = planCost(cost, xs, ys, theta, plan);
                xs[i][a] = saved - GradientChecks.STEP;
                double q = planCost(cost, xs, ys, theta, plan);
                xs[i][a] = saved;
                worst = Math.max(worst, GradientChecks.compare((p - q) / (2 * GradientChecks.STEP), g.sources()[i][a],
                        g.sources()[i], "∂W/∂x" + i + "," + a));
            }
        }
        System.out.printf("%s: transport cost W = %.6f: worst relative FD error of ∂W/∂θ·u, ∂W/∂x: %.2e%n", cost.description(), g.cost(),
                worst);
    }

    /**
     * The point gradient of a Sinkhorn solve on geodesic costs through {@link PairPointCost} is
     * the plan gradient of the same plan (the same terms, summed in another order).
     */
    @Test
    void sinkhornPointGradientThroughPairPointCost() {
        Model m = GeometryOracles.model("poincare.geo");
        SplittableRandom random = new SplittableRandom(13);
        double[][] xs = cloud(random, 5, -0.5, 0.5);
        double[][] ys = cloud(random, 4, -0.5, 0.5);
        double[] a = {0.2, 0.2, 0.2, 0.2, 0.2};
        double[] b = {0.25, 0.25, 0.25, 0.25};
        SquaredGeodesicCost cost = new SquaredGeodesicCost(m, SquaredGeodesicCost.Options.DEFAULTS);
        SinkhornResult r = Sinkhorn.solve(built(CostMatrices.build(cost, xs, ys, new double[0], 2)), a, b,
                SinkhornOptions.DEFAULTS);
        assertEquals(OtStatus.CONVERGED, r.status());
        PointGradient viaPoints = r.pointGradient(xs, ys, new PairPointCost(cost, new double[0]));
        PlanGradient viaPlan = CostMatrices.planGradient(cost, xs, ys, new double[0], r.plan(), 2);
        assertTrue(viaPlan.ok());
        assertEquals(r.transportCost(), viaPlan.cost(), 1e-12);
        for (int i = 0; i < xs.length; i++) {
            assertArrayEquals(viaPlan.sources()[i], viaPoints.x()[i], 1e-12);
        }
        for (int j = 0; j < ys.length; j++) {
            assertArrayEquals(viaPlan.targets()[j], viaPoints.y()[j], 1e-12);
        }
    }

    private static double planCost(PairCost cost, double[][] xs, double[][] ys, double[] theta, TransportPlan plan) {
        return plan.cost(built(CostMatrices.build(cost, xs, ys, theta, 2)));
    }

    /** ∂c/∂x, ∂c/∂y (every component) and ∂c/∂θ·u against central differences; the worst relative error. */
    static double checkGradients(PairCost cost, double[] x, double[] y, double[] theta, double[][] thetaDirections) {
        int d = x.length;
        double[] gx = new double[d];
        double[] gy = new double[d];
        double[] gTheta = new double[theta.length];
        EntryResult base = cost.gradient(x, y, theta, gx, gy, gTheta);
        assertTrue(base.ok(), base.toString());
        EntryResult again = cost.cost(x, y, theta, false);
        assertEquals(base.value(), again.value(), 1e-12 * Math.max(1, Math.abs(base.value())));
        return GradientChecks.pairCost((a, b, t) -> solved(cost, a, b, t), x, y, theta, gx, gy, gTheta,
                thetaDirections);
    }

    private static double solved(PairCost cost, double[] x, double[] y, double[] theta) {
        EntryResult r = cost.cost(x, y, theta, false);
        assertTrue(r.ok(), r.toString());
        return r.value();
    }
}
