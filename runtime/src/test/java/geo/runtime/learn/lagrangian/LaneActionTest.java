package geo.runtime.learn.lagrangian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.transport.cost.DiscreteAction;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LaneAction} (the O(T) spline over lanes) against {@link DiscreteAction} (dense spline
 * weights), pair by pair, on the hill Lagrangian ½|v|² + M exp(−|x|²) with M = 2 at random bent
 * paths: S to 1e-13 relative and ∂S/∂q to 1e-11 relative to its largest entry, for m = 1, 2, 4
 * and T = 3, 5, 20 (T = 3: one unknown slope, both end rows at once); 7 lanes in one call.
 */
class LaneActionTest {

    @Test
    void agreesWithTheDenseDiscreteActionLaneByLane() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] theta = {2};
        for (int t : new int[] {3, 5, 20}) {
            for (int m : new int[] {1, 2, 4}) {
                PathSolver.Options o = new PathSolver.Options(t, 1e-6, PathSolver.Options.DEFAULTS.lbfgs(), 0.5, m);
                DiscreteAction dense = o.action(PathSolverTest.hill());
                LaneAction lanes = new LaneAction(PathSolverTest.hill(), o, 7);
                lanes.setTheta(theta);
                int n = 7;
                int f = (t - 2) * 2;
                double[][] xs = new double[n][];
                double[][] ys = new double[n][];
                double[][] q = new double[n][f];
                double[][] gq = new double[n][f];
                double[] s = new double[n];
                for (int b = 0; b < n; b++) {
                    xs[b] = new double[] {rnd.nextDouble(-1.5, 1.5), rnd.nextDouble(-1.5, 1.5)};
                    ys[b] = new double[] {rnd.nextDouble(-1.5, 1.5), rnd.nextDouble(-1.5, 1.5)};
                    for (int r = 0; r < f; r++) {
                        q[b][r] = rnd.nextDouble(-1.5, 1.5);
                    }
                    lanes.setEnds(b, xs[b], ys[b]);
                }
                lanes.evaluate(n, q, s, gq);
                double[] g = new double[f];
                for (int b = 0; b < n; b++) {
                    dense.setProblem(xs[b], ys[b], theta);
                    double v = dense.evaluate(q[b], g, null, null, null);
                    assertEquals(v, s[b], 1e-13 * Math.abs(v), "S, T = " + t + ", m = " + m + ", lane " + b);
                    double scale = 0;
                    for (double gi : g) {
                        scale = Math.max(scale, Math.abs(gi));
                    }
                    assertTrue(scale > 0);
                    for (int r = 0; r < f; r++) {
                        assertEquals(g[r], gq[b][r], 1e-11 * scale, "dS/dq[" + r + "], T = " + t + ", m = " + m);
                    }
                }
            }
        }
    }
}
