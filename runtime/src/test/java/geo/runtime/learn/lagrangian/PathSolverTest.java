package geo.runtime.learn.lagrangian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.OptimResult;
import org.junit.jupiter.api.Test;

/**
 * {@link PathSolver} around a strong hill L = ½|v|² + M exp(−|x|²) (the hill task's Lagrangian
 * with M = 2, θ = (M)): the straight start from (−1, 0) to (1, 0) is a symmetric saddle that
 * L-BFGS cannot leave, the arcs go around, and {@link PathSolver#best} keeps an arc; the two
 * sides are mirror images; the preconditioned gradient test agrees with the refinement's own.
 */
class PathSolverTest {

    /** ½|v|² + θ₀ exp(−|x|²). */
    static LagrangianKernels hill() {
        return new LagrangianFixtures.Hill(1);
    }

    @Test
    void bestGoesAroundTheHillAndTheSidesAreMirrorImages() {
        PathSolver solver = new PathSolver(hill(), PathSolver.Options.DEFAULTS);
        double[] x = {-1, 0};
        double[] y = {1, 0};
        double[] theta = {2};
        int n = solver.freeCount();
        double[] straight = new double[n];
        solver.set(x, y, theta);
        solver.straight(straight);
        double[] q0 = new double[n];
        solver.start(0, x, y, q0);
        for (int k = 0; k < n; k++) {
            assertEquals(straight[k], q0[k], 1e-15, "start 0 is the straight line");
        }
        OptimResult line = solver.refine(q0);
        double[] up = new double[n];
        double[] down = new double[n];
        solver.start(1, x, y, up);
        solver.start(2, x, y, down);
        OptimResult ru = solver.refine(up);
        OptimResult rd = solver.refine(down);
        assertTrue(ru.converged() && rd.converged(), ru + " " + rd);
        assertEquals(ru.value(), rd.value(), 1e-12, "mirror images have the same action");
        for (int k = 0; k < n; k += 2) {
            assertEquals(up[k], down[k], 1e-7);
            assertEquals(up[k + 1], -down[k + 1], 1e-7);
        }
        assertTrue(up[n / 2 + 1] > 0.3, "the upper arc passes above the hill: " + up[n / 2 + 1]);
        assertTrue(ru.value() < line.value() - 1e-3, ru.value() + " vs the saddle " + line.value());
        double[] best = new double[n];
        OptimResult b = solver.best(x, y, theta, best);
        assertEquals(ru.value(), b.value(), 1e-12);
        assertTrue(solver.preconditionedGradientNorm(best) <= PathSolver.Options.DEFAULTS.lbfgs().gradientTolerance(),
                "a converged path passes the test the amortisation benchmark uses");
        assertTrue(solver.preconditionedGradientNorm(straight) > 1e-3);
    }
}
