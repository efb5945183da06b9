package geo.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WolfeLineSearchTest {

    @Test
    void acceptedStepsSatisfyTheStrongWolfeConditions() {
        double c1 = 1e-4;
        double c2 = 0.1;
        WolfeLineSearch search = new WolfeLineSearch(c1, c2);
        double[] start = {-1.2, 1};
        double[] g0 = new double[2];
        double f0 = LbfgsTest.rosenbrock(start, g0);
        for (double alpha1 : new double[] {1e-6, 1e-3, 1, 10, 1e3}) {
            double[] p = {-g0[0], -g0[1]};
            double dphi0 = WolfeLineSearch.dot(g0, p);
            double[] xt = new double[2];
            double[] gt = new double[2];
            WolfeLineSearch.Outcome o = search.search(LbfgsTest::rosenbrock, start, f0, dphi0, p, alpha1, 100, xt, gt);
            assertEquals(WolfeLineSearch.Outcome.ACCEPTED, o, "α₁ = " + alpha1);
            double a = search.step;
            assertTrue(search.value <= f0 + c1 * a * dphi0, "sufficient decrease, α₁ = " + alpha1);
            assertTrue(Math.abs(WolfeLineSearch.dot(gt, p)) <= c2 * Math.abs(dphi0), "curvature, α₁ = " + alpha1);
            assertEquals(start[0] + a * p[0], xt[0], 1e-15 * Math.abs(xt[0]) + 1e-300);
        }
    }
}
