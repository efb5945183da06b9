package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.learn.population.Initial;
import geo.runtime.learn.population.SegmentLengthCost;
import geo.runtime.load.Model;
import geo.runtime.transport.cost.EntryResult;
import org.junit.jupiter.api.Test;

/**
 * The Lagrangian-OT path cost ½(Σₖ√(ΔᵀA(xₖ)Δ))² on straight paths: the closed form for a constant
 * metric, and its gradients in x, y and θ (the learned metric of {@code lagrangian.geo}) against
 * central differences, relative error below 1e-6 (step 1e-6).
 */
class SegmentLengthCostTest {

    @Test
    void constantMetricGivesHalfTheSquaredLength() {
        Model m = SnapshotModels.compile("c.geo", """
                manifold C { coords x[2]; metric g = [[2, 0.5], [0.5, 1]]; }
                """);
        SegmentLengthCost c = new SegmentLengthCost(m, 20);
        double[] x = {0.3, -0.2};
        double[] y = {1.1, 0.4};
        double dx = (y[0] - x[0]) / 19 + 1e-6;
        double dy = (y[1] - x[1]) / 19 + 1e-6;
        double q = 2 * dx * dx + 2 * 0.5 * dx * dy + dy * dy;
        double expected = 0.5 * Math.pow(19 * Math.sqrt(q), 2);
        assertEquals(expected, c.cost(x, y, new double[0], false).value(), 1e-14 * expected);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        Model m = SnapshotModels.load("lagrangian");
        double[] theta = Initial.draw(m.descriptor(), m.defaultParameters(), 3);
        SegmentLengthCost c = new SegmentLengthCost(m, 20);
        double[] x = {0.4, -0.7};
        double[] y = {0.9, -0.1};
        double[] gx = new double[2];
        double[] gy = new double[2];
        double[] gt = new double[theta.length];
        EntryResult r = c.gradient(x, y, theta, gx, gy, gt);
        assertTrue(r.ok());
        double h = 1e-6;
        for (int i = 0; i < 2; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += h;
            xm[i] -= h;
            check(gx[i], (c.cost(xp, y, theta, false).value() - c.cost(xm, y, theta, false).value()) / (2 * h), "x" + i);
            double[] yp = y.clone();
            double[] ym = y.clone();
            yp[i] += h;
            ym[i] -= h;
            check(gy[i], (c.cost(x, yp, theta, false).value() - c.cost(x, ym, theta, false).value()) / (2 * h), "y" + i);
        }
        for (int j = 0; j < theta.length; j += 37) {
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[j] += h;
            tm[j] -= h;
            check(gt[j], (c.cost(x, y, tp, false).value() - c.cost(x, y, tm, false).value()) / (2 * h), "theta" + j);
        }
    }

    private static void check(double analytic, double numeric, String what) {
        assertEquals(numeric, analytic, 1e-6 * Math.max(1e-3, Math.abs(numeric)), what);
    }
}
