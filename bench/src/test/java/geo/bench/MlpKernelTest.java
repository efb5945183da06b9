package geo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two sides of {@link NetworkLossBenchmark} compute the same thing: the compiled loss of
 * {@code mlp.geo} and {@link MlpHandWritten} agree to 1e-12 relative in the loss and every
 * gradient component, and the hand-written gradient agrees with central finite differences of
 * the hand-written loss (so the peer is right on its own, not only like the compiler).
 */
class MlpKernelTest {

    private static MlpLoss.Compiled compiled;
    private static double[] theta;

    @BeforeAll
    static void compile() {
        compiled = MlpLoss.compile();
        theta = compiled.model().defaultParameters();
    }

    @Test
    void compiledAndHandWrittenAgree() {
        double worst = MlpLoss.maxRelativeDifference(compiled.kernels(), new MlpHandWritten(), theta,
                MlpLoss.examples(32, 3));
        assertTrue(worst <= 1e-12, "largest relative difference " + worst);
    }

    @Test
    void theyAlsoAgreeAwayFromTheInitialParameters() {
        double[] th = theta.clone();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < th.length; i++) {
            th[i] += 0.3 * (2 * r.nextDouble() - 1);
        }
        double worst = MlpLoss.maxRelativeDifference(compiled.kernels(), new MlpHandWritten(), th,
                MlpLoss.examples(8, 4));
        assertTrue(worst <= 1e-12, "largest relative difference " + worst);
    }

    /** Central differences, step 1e-5: truncation O(h²·ℓ''') and rounding O(ε·ℓ/h), both below 1e-8 here. */
    @Test
    void handWrittenGradientMatchesFiniteDifferences() {
        MlpHandWritten hand = new MlpHandWritten();
        double[] in = MlpLoss.examples(1, 9)[0];
        double[] gIn = new double[3];
        double[] gTheta = new double[MlpHandWritten.P];
        hand.lossGradient(in, theta, gIn, gTheta);
        double h = 1e-5;
        int[] probes = {0, 1, MlpHandWritten.B1 + 5, MlpHandWritten.W2 + 7 * 64 + 3, MlpHandWritten.B2 + 63,
                MlpHandWritten.W3 + 10, MlpHandWritten.B3};
        for (int i : probes) {
            double[] p = theta.clone();
            p[i] += h;
            double up = hand.loss(in, p);
            p[i] -= 2 * h;
            double down = hand.loss(in, p);
            assertEquals((up - down) / (2 * h), gTheta[i], 1e-8, "∂ℓ/∂θ[" + i + "]");
        }
        for (int i = 0; i < 3; i++) {
            double[] q = in.clone();
            q[i] += h;
            double up = hand.loss(q, theta);
            q[i] -= 2 * h;
            double down = hand.loss(q, theta);
            assertEquals((up - down) / (2 * h), gIn[i], 1e-8, "∂ℓ/∂in[" + i + "]");
        }
    }
}
