package geo.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Lbfgs#start}: a run advanced one step at a time ends exactly where {@link Lbfgs#minimize} does. */
class LbfgsStepwiseTest {

    @Test
    void stepwiseRunGivesTheSameBitsAsMinimize() {
        double[] a = {-1.2, 1, -0.5, 0.7};
        double[] b = a.clone();
        OptimResult whole = new Lbfgs().minimize(LbfgsTest::rosenbrock, a);
        Lbfgs lbfgs = new Lbfgs();
        Lbfgs.Run run = lbfgs.start(LbfgsTest::rosenbrock, b);
        int steps = 0;
        while (run.result().isEmpty()) {
            assertTrue(run.iterate());
            steps++;
        }
        assertArrayEquals(a, b, 0.0);
        assertEquals(whole.status(), run.result().get().status());
        assertEquals(whole.iterations(), steps);
        assertEquals(whole.value(), run.value(), 0.0);
        assertThrows(IllegalStateException.class, run::iterate);
    }

    @Test
    void aStartAtTheOptimumEndsBeforeAnyStep() {
        double[] x = {1, 1};
        Lbfgs.Run run = new Lbfgs().start(LbfgsTest::rosenbrock, x);
        assertEquals(Status.CONVERGED, run.result().orElseThrow().status());
        assertEquals(0, run.iterations());
    }
}
