package geo.runtime.learn.lagrangian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.optim.OptimResult;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The kinetic-decrement stop of {@link LaneLbfgs}: ½|∂S/∂w|₂²/S with ∂S/∂w = L⁻¹∂S/∂q. On a well
 * L = ½|v|² + M|x|² (M &gt; 0: S − ½qᵀKq is convex, so S is strongly convex with modulus 1 in w)
 * it is an upper bound of the true gap, S − S* ≤ ½|∂S/∂w|₂², S* from L-BFGS to 1e-10; ∂S/∂w agrees
 * with central differences of S(q(w)); a refinement stopped by it has a true gap within the stated
 * threshold; and it must not stop a path far from its minimum, nor (on the hill, a saddle region)
 * stop where its estimate is above the threshold.
 */
class DecrementStopTest {

    private static final PathSolver.Options O = PathSolver.Options.DEFAULTS;
    private static final double[] X = {-1.1, 0.3};
    private static final double[] Y = {1.15, -0.4};

    /** S and ∂S/∂q at q through one lane. */
    private static double eval(LaneAction lanes, double[] q, double[] gq) {
        double[] v = new double[1];
        lanes.evaluate(1, new double[][] {q}, v, new double[][] {gq});
        return v[0];
    }

    @Test
    void boundsTheWellsGapAndMatchesFiniteDifferences() {
        double[] theta = {0.3};
        LanePathSolver solver = new LanePathSolver(new LagrangianFixtures.Well(), O.withLbfgs(O.lbfgs().withGradientTolerance(1e-10)));
        solver.set(X, Y, theta);
        int n = 2 * (O.samples() - 2);
        double[] qStar = new double[n];
        LanePathSolver.straight(X, Y, O.samples(), qStar);
        OptimResult r = solver.refine(qStar);
        assertTrue(r.converged(), r.toString());
        double sStar = r.value();
        LaneAction lanes = new LaneAction(new LagrangianFixtures.Well(), O, 1);
        lanes.setTheta(theta);
        lanes.setEnds(0, X, Y);
        KineticChain chain = new KineticChain(O.samples() - 2, 2, false);
        SplittableRandom rnd = new SplittableRandom(4);
        double[] q = new double[n];
        double[] gq = new double[n];
        double[] gw = new double[n];
        for (double amplitude : new double[] {1e-3, 1e-2, 0.1, 0.3}) {
            for (int trial = 0; trial < 5; trial++) {
                for (int k = 0; k < n; k++) {
                    q[k] = qStar[k] + amplitude * rnd.nextDouble(-1, 1);
                }
                double s = eval(lanes, q, gq);
                double decrement = chain.predictedGap(s, gq, gw) * s;
                assertTrue(s - sStar <= decrement * (1 + 1e-9) + 1e-15,
                        "gap " + (s - sStar) + " above the decrement " + decrement + " at amplitude " + amplitude);
                assertTrue(s - sStar >= 0.2 * decrement, "the bound is not loose by more than 5x on a quadratic: "
                        + (s - sStar) + " vs " + decrement);
            }
        }
        // ∂S/∂w against central differences of S(q(w)), h = 1e-6.
        double[] w = new double[n];
        chain.toW(q, w);
        double s = eval(lanes, q, gq);
        chain.pullGradient(gq, gw);
        double[] qh = new double[n];
        double[] scratch = new double[n];
        for (int j = 0; j < n; j++) {
            double h = 1e-6;
            double[] wp = w.clone();
            wp[j] += h;
            chain.toQ(wp, qh);
            double sp = eval(lanes, qh, scratch);
            wp[j] -= 2 * h;
            chain.toQ(wp, qh);
            double sm = eval(lanes, qh, scratch);
            assertEquals((sp - sm) / (2 * h), gw[j], 1e-7 * Math.max(1, Math.abs(gw[j])), "component " + j);
        }
        assertTrue(s > sStar);
    }

    @Test
    void aStoppedRefinementIsWithinItsThresholdAndAFarPathIsNotStopped() {
        double[] theta = {0.3};
        double gap = 5e-4;
        LaneAction lanes = new LaneAction(new LagrangianFixtures.Well(), O, 4);
        lanes.setTheta(theta);
        LanePathSolver solver = new LanePathSolver(new LagrangianFixtures.Well(), O.withLbfgs(O.lbfgs().withGradientTolerance(1e-10)));
        solver.set(X, Y, theta);
        int n = 2 * (O.samples() - 2);
        double[] qStar = new double[n];
        LanePathSolver.straight(X, Y, O.samples(), qStar);
        double sStar = solver.refine(qStar).value();
        // A path bent 0.5 off the minimum: its estimate is far above the threshold, so it is not stopped at
        // the start; the gradient tolerance is 1e-12, so only the decrement can stop it.
        double[][] q = {qStar.clone()};
        for (int k = 1; k < n; k += 2) {
            q[0][k] += 0.5 * Math.sin(Math.PI * (k / 2 + 1) / (O.samples() - 1));
        }
        double[][] gq = new double[1][n];
        lanes.setEnds(0, X, Y);
        double[] s = new double[1];
        lanes.evaluate(1, q, s, gq);
        KineticChain chain = new KineticChain(O.samples() - 2, 2, false);
        assertTrue(chain.predictedGap(s[0], gq[0], new double[n]) > 100 * gap);
        LaneLbfgs.Outcome out = new LaneLbfgs(lanes, O.samples(), O.lbfgs().withGradientTolerance(1e-12), 0, gap)
                .run(new int[] {0}, new double[][] {X}, new double[][] {Y}, q, s, gq);
        assertEquals(LaneLbfgs.Status.DECREMENT, out.status()[0]);
        assertTrue(out.evaluations() > 1, "not stopped at the start");
        double relative = (out.values()[0] - sStar) / out.values()[0];
        assertTrue(relative >= 0 && relative <= gap, "true relative gap " + relative + " within " + gap);
        // The estimate at the stopped point is at most the threshold (recomputed from its gradient).
        double[] g = new double[n];
        lanes.evaluate(1, q, s, new double[][] {g});
        assertTrue(chain.predictedGap(s[0], g, new double[n]) <= gap);
    }
}
