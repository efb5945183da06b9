package geo.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad weights and bad options: a clear IllegalArgumentException. */
class SinkhornInputTest {

    private static final CostMatrix C = CostMatrix.of(new double[][] {{0, 1, 2}, {1, 0, 1}});

    private static void rejects(String fragment, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(fragment), "message: " + x.getMessage());
    }

    private static void solve(double[] a, double[] b) {
        Sinkhorn.solve(C, a, b, SinkhornOptions.DEFAULTS);
    }

    @Test
    void badWeightsAreRejected() {
        double[] b = {0.25, 0.25, 0.5};
        rejects("weights a have 3 entries, the cost matrix has 2 rows", () -> solve(new double[] {0.3, 0.3, 0.4}, b));
        rejects("weights b have 2 entries, the cost matrix has 3 columns", () -> solve(new double[] {0.5, 0.5},
                new double[] {0.5, 0.5}));
        rejects("weight a[1] is -0.5", () -> solve(new double[] {1.5, -0.5}, b));
        rejects("weight b[2] is NaN", () -> solve(new double[] {0.5, 0.5}, new double[] {0.5, 0.5, Double.NaN}));
        rejects("weight a[0] is Infinity", () -> solve(new double[] {Double.POSITIVE_INFINITY, 0}, b));
        rejects("equal total mass", () -> solve(new double[] {0.5, 0.6}, b));
        rejects("weights a have total mass 0", () -> solve(new double[] {0, 0}, new double[] {0, 0, 0}));
        // masses equal to 10⁻¹² relative are accepted
        assertEquals(OtStatus.CONVERGED, Sinkhorn.solve(C, new double[] {0.5, 0.5 + 1e-13}, b,
                SinkhornOptions.DEFAULTS.withTolerance(1e-9)).status());
    }

    @Test
    void badOptionsAreRejected() {
        SinkhornOptions d = SinkhornOptions.DEFAULTS;
        rejects("epsilon must be positive", () -> d.withEpsilon(0));
        rejects("epsilon must be positive", () -> d.withEpsilon(-1e-3));
        rejects("epsilon must be positive", () -> d.withEpsilon(Double.NaN));
        rejects("epsilon must be positive", () -> d.withEpsilon(Double.POSITIVE_INFINITY));
        rejects("tolerance must be positive", () -> d.withTolerance(0));
        rejects("maxIterations must be ≥ 1", () -> d.withMaxIterations(0));
        rejects("scaling factor must be in (0, 1]", () -> d.withScalingFactor(0));
        rejects("scaling factor must be in (0, 1]", () -> d.withScalingFactor(1.5));
        rejects("threads must be ≥ 1", () -> d.withThreads(0));
        assertEquals(1e-2, d.epsilon());
        assertTrue(d.relativeEpsilon());
        assertEquals(1e-9, d.tolerance());
        assertEquals(3e-3, d.withEpsilon(1e-3).absoluteEpsilon(3), 1e-18);
        assertEquals(1e-3, d.withEpsilon(1e-3).absoluteEpsilon(0), 0, "a zero cost scale counts as 1");
        assertEquals(1e-3, d.withEpsilon(1e-3).withRelativeEpsilon(false).absoluteEpsilon(3), 0);
    }

    /** A zero cost matrix: the plan is a⊗b / mass, without ε-scaling trouble (scale 0 counts as 1). */
    @Test
    void zeroCostGivesTheProductPlan() {
        CostMatrix zero = new CostMatrix(2, 3, new double[6]);
        double[] a = {0.25, 0.75};
        double[] b = {0.5, 0.25, 0.25};
        SinkhornResult s = Sinkhorn.solve(zero, a, b, SinkhornOptions.DEFAULTS);
        assertEquals(OtStatus.CONVERGED, s.status());
        double[] pi = s.costGradient();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(a[i] * b[j], pi[i * 3 + j], 1e-15);
            }
        }
        assertEquals(0, s.regularisedCost(), 1e-15);
    }
}
