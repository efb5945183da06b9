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

    /**
     * The compiled HVP is the directional derivative of the compiled gradient: central
     * differences of lossGradient along a random direction w, step 1e-6 (error O(h²) + O(ε/h),
     * about 1e-9 of the largest component here).
     */
    @Test
    void compiledHvpIsTheDerivativeOfTheGradient() {
        var k = compiled.kernels();
        double[] in = MlpLoss.examples(1, 12)[0];
        java.util.SplittableRandom r = new java.util.SplittableRandom(8);
        double[] wIn = {r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1)};
        double[] wTh = new double[MlpHandWritten.P];
        for (int i = 0; i < wTh.length; i++) {
            wTh[i] = r.nextDouble(-1, 1);
        }
        double[] hIn = new double[3];
        double[] hTh = new double[MlpHandWritten.P];
        k.lossHvp(in, theta, wIn, wTh, hIn, hTh);
        double h = 1e-6;
        double[] gpIn = new double[3];
        double[] gpTh = new double[MlpHandWritten.P];
        double[] gmIn = new double[3];
        double[] gmTh = new double[MlpHandWritten.P];
        k.lossGradient(axpy(in, h, wIn), axpy(theta, h, wTh), gpIn, gpTh);
        k.lossGradient(axpy(in, -h, wIn), axpy(theta, -h, wTh), gmIn, gmTh);
        double scale = 0;
        for (double v : hTh) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals((gpIn[i] - gmIn[i]) / (2 * h), hIn[i], 1e-6 * scale, "HVP input " + i);
        }
        for (int i = 0; i < MlpHandWritten.P; i++) {
            assertEquals((gpTh[i] - gmTh[i]) / (2 * h), hTh[i], 1e-6 * scale, "HVP θ " + i);
        }
    }

    private static double[] axpy(double[] x, double a, double[] y) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += a * y[i];
        }
        return out;
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
