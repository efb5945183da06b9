package geo.runtime.learn.lagrangian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.optim.OptimResult;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LaneLbfgs} against {@link PathSolver#refine} on the hill Lagrangian ½|v|² + M exp(−|x|²),
 * M = 2 (S_m, T = 20, m = 4): 40 pairs, 3 per batch call so that the rounds span several calls, from
 * arcs bent off the straight line (start 1 of {@link PathSolver#best}: one side of the hill, a
 * local minimum of its own). Both are run to ‖∂S/∂w‖∞ ≤ 1e-8, so each pair's two minima agree to
 * 1e-9 relative (the same local minimum) and every lockstep run converges; the first pair given
 * already converged is left as it is.
 */
class LaneLbfgsTest {

    @Test
    void reachesThePerPairMinimaInBatches() {
        PathSolver.Options o = PathSolver.Options.DEFAULTS;
        PathSolver solver = new PathSolver(PathSolverTest.hill(), o);
        LaneAction lanes = new LaneAction(PathSolverTest.hill(), o, 3);
        double[] theta = {2};
        lanes.setTheta(theta);
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 40;
        int f = solver.freeCount();
        double[][] xs = new double[n][];
        double[][] ys = new double[n][];
        double[][] q = new double[n][f];
        double[][] gq = new double[n][f];
        double[] s = new double[n];
        double[] expected = new double[n];
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            xs[i] = new double[] {rnd.nextDouble(-1.5, -0.5), rnd.nextDouble(-1, 1)};
            ys[i] = new double[] {rnd.nextDouble(0.5, 1.5), rnd.nextDouble(-1, 1)};
            solver.set(xs[i], ys[i], theta);
            solver.start(1, xs[i], ys[i], q[i]);
            double[] copy = q[i].clone();
            OptimResult r = solver.refine(copy);
            assertTrue(r.converged(), r.toString());
            expected[i] = r.value();
            if (i == 0) {
                q[0] = copy;
            }
            all[i] = i;
            lanes.setEnds(0, xs[i], ys[i]);
            double[] v = new double[1];
            lanes.evaluate(1, new double[][] {q[i]}, v, new double[][] {gq[i]});
            s[i] = v[0];
        }
        LaneLbfgs.Outcome out = new LaneLbfgs(lanes, o.samples(), o.lbfgs(), 0).run(all, xs, ys, q, s, gq);
        for (int i = 0; i < n; i++) {
            assertEquals(LaneLbfgs.Status.CONVERGED, out.status()[i], "pair " + i);
            assertEquals(expected[i], out.values()[i], 1e-9 * Math.abs(expected[i]), "pair " + i);
        }
        assertTrue(out.evaluations() > n, "the lockstep runs took steps: " + out.evaluations());
    }
}
