package geo.runtime.spline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KineticPreconditionerTest {

    @Test
    void flatKineticActionIsHalfTheSquaredNormOfW() {
        // With zero ends, ½∫|γ'|² = ½ zᵀKz = ½|w|² for z = L⁻ᵀw: the preconditioned Hessian is I.
        SplittableRandom random = new SplittableRandom(8);
        double[] zero = {0, 0};
        for (int segments : new int[] {1, 2, 5, 16, 40}) {
            SplineAction action = new SplineAction(TestLagrangians.constantMetric(), segments, 3);
            action.setProblem(zero, zero, new double[] {1, 0, 1});
            KineticPreconditioner pre = new KineticPreconditioner(action.basis());
            double[] w = SplineBasisTest.gaussian(random, action.freeCount());
            double[] z = new double[w.length];
            pre.toFree(w, z);
            double half = 0;
            for (double wi : w) {
                half += 0.5 * wi * wi;
            }
            assertEquals(half, action.valueAndGradient(z, new double[z.length]), 1e-12 * half, "E = " + segments);
        }
    }

    @Test
    void transformsAreInverseAndAdjoint() {
        SplittableRandom random = new SplittableRandom(6);
        int d = 3;
        KineticPreconditioner pre = new KineticPreconditioner(new SplineBasis(9));
        double[] z = SplineBasisTest.gaussian(random, 10 * d);
        double[] w = new double[z.length];
        double[] back = new double[z.length];
        pre.fromFree(z, w);
        pre.toFree(w, back);
        for (int i = 0; i < z.length; i++) {
            assertEquals(z[i], back[i], 1e-12 * (1 + Math.abs(z[i])));
        }
        // ⟨∂S/∂z, L⁻ᵀw⟩ = ⟨L⁻¹ ∂S/∂z, w⟩.
        double[] gz = SplineBasisTest.gaussian(random, z.length);
        double[] gw = new double[z.length];
        pre.pullGradient(gz, gw);
        pre.toFree(w, back);
        double lhs = 0;
        double rhs = 0;
        for (int i = 0; i < z.length; i++) {
            lhs += gz[i] * back[i];
            rhs += gw[i] * w[i];
        }
        assertEquals(lhs, rhs, 1e-11 * (1 + Math.abs(lhs)));
    }
}
