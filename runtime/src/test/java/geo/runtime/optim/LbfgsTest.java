package geo.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LbfgsTest {

    /** The n-dimensional Rosenbrock function Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1). */
    static double rosenbrock(double[] x, double[] g) {
        Arrays.fill(g, 0);
        double f = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * x[i] - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }

    @Test
    void rosenbrockTwoDimensionsFromTheClassicStart() {
        double[] x = {-1.2, 1};
        Lbfgs lbfgs = new Lbfgs(Lbfgs.Settings.defaults().withGradientTolerance(1e-10));
        OptimResult r = lbfgs.minimize(LbfgsTest::rosenbrock, x);
        assertEquals(Status.CONVERGED, r.status(), r.message());
        assertEquals(1, x[0], 1e-8);
        assertEquals(1, x[1], 1e-8);
        assertTrue(r.value() < 1e-16, "f = " + r.value());
        assertTrue(r.iterations() < 100, r.iterations() + " iterations");
    }

    @Test
    void rosenbrockTwentyDimensions() {
        double[] x = new double[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1;
        }
        OptimResult r = new Lbfgs(Lbfgs.Settings.defaults().withGradientTolerance(1e-10))
                .minimize(LbfgsTest::rosenbrock, x);
        assertEquals(Status.CONVERGED, r.status(), r.message());
        for (double xi : x) {
            assertEquals(1, xi, 1e-8);
        }
    }

    @Test
    void illConditionedQuadratic() {
        int n = 50;
        double[] diag = new double[n];
        double[] centre = new double[n];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            diag[i] = Math.pow(10, 4.0 * i / (n - 1));
            centre[i] = random.nextGaussian();
        }
        Objective f = (x, g) -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double d = x[i] - centre[i];
                s += 0.5 * diag[i] * d * d;
                g[i] = diag[i] * d;
            }
            return s;
        };
        double[] x = new double[n];
        OptimResult r = new Lbfgs(Lbfgs.Settings.defaults().withGradientTolerance(1e-9).withMaxIterations(5000))
                .minimize(f, x);
        assertEquals(Status.CONVERGED, r.status(), r.message());
        for (int i = 0; i < n; i++) {
            assertEquals(centre[i], x[i], 1e-9 / diag[i] * 10 + 1e-12, r.toString());
        }
    }

    @Test
    void convergesBelowTheRoundingFloorOfF() {
        // 1000 + an ill-conditioned quadratic (κ = 1e4, so L-BFGS converges slowly) + value noise of a
        // few ulps, as a sum of many rounded terms has: once ‖∇f‖ ≲ 1e-6 a step changes f by less
        // than the noise, and only the derivative form of sufficient decrease can certify progress
        // down to ‖∇f‖∞ ≤ 1e-10.
        int n = 50;
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = Math.pow(10, 4.0 * i / (n - 1));
        }
        Objective f = (x, g) -> {
            double s = 1000;
            double phase = 0;
            for (int i = 0; i < n; i++) {
                s += 0.5 * diag[i] * (x[i] - 1) * (x[i] - 1);
                g[i] = diag[i] * (x[i] - 1);
                phase += (i + 1) * x[i];
            }
            return s + 3e-13 * Math.sin(1e9 * phase);
        };
        double[] x = new double[n];
        OptimResult r = new Lbfgs(Lbfgs.Settings.defaults().withGradientTolerance(1e-10).withRelativeTolerance(0)
                .withMaxIterations(5000)).minimize(f, x);
        assertEquals(Status.CONVERGED, r.status(), r.message());
        for (int i = 0; i < n; i++) {
            assertEquals(1, x[i], 1e-10 / diag[i] * 10 + 1e-12);
        }
    }

    @Test
    void gradientFirstStepKeepsAWarmStart() {
        // f = ½|x − c|² from 1e-4 away: −∇f is the exact minimiser, so the GRADIENT first step takes
        // one step of one evaluation (the line search's unit trial is accepted); the unit-length step
        // overshoots by 1e4 and needs the line search to shrink it.
        double[] c = {0.3, -0.7, 1.1};
        Objective f = (x, g) -> {
            double s = 0;
            for (int i = 0; i < c.length; i++) {
                g[i] = x[i] - c[i];
                s += 0.5 * g[i] * g[i];
            }
            return s;
        };
        Lbfgs.Settings settings = Lbfgs.Settings.defaults().withGradientTolerance(1e-12);
        double[] warm = {0.3 + 1e-4, -0.7 - 2e-5, 1.1 + 5e-5};
        double[] x = warm.clone();
        OptimResult r = new Lbfgs(settings.withFirstStep(Lbfgs.FirstStep.GRADIENT)).minimize(f, x);
        assertEquals(Status.CONVERGED, r.status(), r.message());
        assertEquals(1, r.iterations());
        assertEquals(2, r.evaluations(), "the start and the accepted unit trial");
        for (int i = 0; i < c.length; i++) {
            assertEquals(c[i], x[i], 1e-15);
        }
        double[] y = warm.clone();
        OptimResult u = new Lbfgs(settings).minimize(f, y);
        assertEquals(Status.CONVERGED, u.status(), u.message());
        assertTrue(u.evaluations() > r.evaluations() + 1, u.toString());
        assertTrue(settings.firstStep() == Lbfgs.FirstStep.UNIT_LENGTH, "the default is unchanged");
    }

    @Test
    void reusedInstanceGivesTheSameRun() {
        Lbfgs lbfgs = new Lbfgs();
        double[] a = {-1.2, 1};
        double[] b = {-1.2, 1};
        OptimResult ra = lbfgs.minimize(LbfgsTest::rosenbrock, a);
        OptimResult rb = lbfgs.minimize(LbfgsTest::rosenbrock, b);
        assertEquals(ra, rb);
        assertEquals(a[0], b[0], 0);
    }

    @Test
    void nanEverywhereIsReportedAtTheStart() {
        double[] x = {1, 2};
        OptimResult r = new Lbfgs().minimize((p, g) -> Double.NaN, x);
        assertEquals(Status.NON_FINITE, r.status());
        assertFalse(r.converged());
        assertEquals(1, x[0], 0);
        assertEquals(2, x[1], 0);
    }

    @Test
    void nanAwayFromTheStartIsReportedAndTheLastGoodPointKept() {
        // f is a downhill slope (no minimum) that becomes NaN beyond x = 1: every step that makes
        // progress ends in NaN, so the run must stop with NON_FINITE, not claim convergence.
        double[] x = {0.999, 0};
        OptimResult r = new Lbfgs().minimize((p, g) -> {
            g[0] = -1;
            g[1] = 0;
            return p[0] > 1 ? Double.NaN : -p[0];
        }, x);
        assertFalse(r.converged(), r.message());
        assertTrue(r.status() == Status.NON_FINITE || r.status() == Status.LINE_SEARCH_FAILED, r.toString());
        assertTrue(x[0] <= 1 && Double.isFinite(r.value()), r.toString());
    }

    @Test
    void nanRegionIsAvoidedWhenTheMinimumIsInside() {
        // log barrier: f = x² − log(1 − x) is NaN for x > 1; a unit first step overshoots into it.
        double[] x = {-5};
        OptimResult r = new Lbfgs(Lbfgs.Settings.defaults().withGradientTolerance(1e-12)).minimize((p, g) -> {
            g[0] = 2 * p[0] + 1 / (1 - p[0]);
            return p[0] * p[0] - Math.log(1 - p[0]);
        }, x);
        assertEquals(Status.CONVERGED, r.status(), r.message());
        assertEquals((1 - Math.sqrt(3)) / 2, x[0], 1e-9, r.toString());
    }

    @Test
    void wrongGradientMakesTheLineSearchFail() {
        double[] x = {1, 1};
        OptimResult r = new Lbfgs().minimize((p, g) -> {
            g[0] = -2 * p[0];
            g[1] = -2 * p[1];
            return p[0] * p[0] + p[1] * p[1];
        }, x);
        assertEquals(Status.LINE_SEARCH_FAILED, r.status(), r.message());
        assertEquals(1, x[0], 0);
    }

    @Test
    void iterationAndEvaluationLimits() {
        OptimResult r = new Lbfgs(Lbfgs.Settings.defaults().withMaxIterations(3))
                .minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        assertEquals(Status.MAX_ITERATIONS, r.status());
        assertEquals(3, r.iterations());
        OptimResult e = new Lbfgs(Lbfgs.Settings.defaults().withMaxEvaluations(10))
                .minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        assertEquals(Status.MAX_EVALUATIONS, e.status());
        assertTrue(e.evaluations() <= 10);
    }

    @Test
    void unboundedBelowIsNotConvergence() {
        double[] x = {0};
        OptimResult r = new Lbfgs().minimize((p, g) -> {
            g[0] = -1;
            return -p[0];
        }, x);
        assertFalse(r.converged(), r.toString());
    }
}
