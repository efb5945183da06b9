package geo.runtime.learn.lagrangian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.linalg.Dense;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LaneHessian} and {@link LaneNewton} on the hill L = ½|v|² + M exp(−|x|²) with hand-written
 * kernels ({@link LagrangianFixtures.Hill}: a = ∇V, ∂a/∂x = ∇²V = M e^{−|x|²}(4xxᵀ − 2I)): H·v
 * against central differences of the batched gradient, the Cholesky Newton step against a dense solve,
 * Newton's quadratic convergence, and certificates that must refuse (an indefinite H on the hill's
 * saddle, a far point).
 */
class LaneNewtonTest {

    private static PathSolver.Options options(int t, int m) {
        return new PathSolver.Options(t, 1e-6, PathSolver.Options.DEFAULTS.lbfgs(), 0.5, m);
    }

    /** H of lane b, column by column, from Newton steps: H e_j = −(step for the gradient −e_j)⁻¹ … via solves. */
    private static double[][] dense(LaneHessian h, int b, int n) {
        // Column j of H⁻¹ is −δ(e_j); H itself from inverting that dense matrix.
        double[] inv = new double[n * n];
        double[] delta = new double[n];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            h.newtonStep(b, e, delta);
            for (int i = 0; i < n; i++) {
                inv[i * n + j] = -delta[i];
            }
        }
        double[][] out = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] a = inv.clone();
            double[] rhs = new double[n];
            rhs[j] = 1;
            assertTrue(Dense.solve(a, rhs, n));
            for (int i = 0; i < n; i++) {
                out[i][j] = rhs[i];
            }
        }
        return out;
    }

    @Test
    void hessianMatchesCentralDifferencesOfTheGradient() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[] theta = {0.01};
        for (int t : new int[] {4, 20}) {
            for (int m : new int[] {1, 4}) {
                PathSolver.Options o = options(t, m);
                LagrangianFixtures.Hill hill = new LagrangianFixtures.Hill(1);
                int lanes = 3;
                LaneAction action = new LaneAction(hill, o, lanes);
                action.setTheta(theta);
                LaneHessian hessian = new LaneHessian(action, hill);
                int f = (t - 2) * 2;
                double[][] q = new double[lanes][f];
                double[][] gq = new double[lanes][f];
                double[] s = new double[lanes];
                for (int b = 0; b < lanes; b++) {
                    action.setEnds(b, new double[] {-1.1, rnd.nextDouble(-1, 1)}, new double[] {1.1, rnd.nextDouble(-1, 1)});
                    for (int r = 0; r < f; r++) {
                        q[b][r] = rnd.nextDouble(-1.2, 1.2);
                    }
                }
                action.evaluate(lanes, q, s, gq);
                hessian.factor(lanes);
                // A weak hill (M = 0.01; K's least eigenvalue is 2 − 2cos(π/(T − 1)), 0.027 at T = 20, and
                // ∇²V ≥ −2M): H is positive definite at any point.
                for (int b = 0; b < lanes; b++) {
                    assertTrue(hessian.positiveDefinite(b), "lane " + b);
                }
                for (int b = 0; b < lanes; b++) {
                    double[][] h = dense(hessian, b, f);
                    double[][] plus = new double[lanes][f];
                    double[][] minus = new double[lanes][f];
                    double step = 1e-5;
                    for (int j = 0; j < f; j++) {
                        double[][] qp = new double[lanes][];
                        double[][] qm = new double[lanes][];
                        for (int c = 0; c < lanes; c++) {
                            qp[c] = q[c].clone();
                            qm[c] = q[c].clone();
                        }
                        qp[b][j] += step;
                        qm[b][j] -= step;
                        action.evaluate(lanes, qp, new double[lanes], plus);
                        action.evaluate(lanes, qm, new double[lanes], minus);
                        for (int i = 0; i < f; i++) {
                            double want = (plus[b][i] - minus[b][i]) / (2 * step);
                            assertEquals(want, h[i][j], 1e-7, "H[" + i + "][" + j + "], T = " + t + ", m = " + m);
                        }
                    }
                }
            }
        }
    }

    @Test
    void newtonStepMatchesADenseSolve() {
        PathSolver.Options o = options(20, 4);
        LagrangianFixtures.Hill hill = new LagrangianFixtures.Hill(1);
        LaneAction action = new LaneAction(hill, o, 2);
        action.setTheta(new double[] {0.01});
        LaneHessian hessian = new LaneHessian(action, hill);
        int f = 36;
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] q = new double[2][f];
        for (int b = 0; b < 2; b++) {
            action.setEnds(b, new double[] {-1.2, 0.3 * b}, new double[] {1.1, -0.2});
            LanePathSolver.straight(new double[] {-1.2, 0.3 * b}, new double[] {1.1, -0.2}, 20, q[b]);
            for (int r = 0; r < f; r++) {
                q[b][r] += rnd.nextDouble(-0.1, 0.1);
            }
        }
        double[][] gq = new double[2][f];
        action.evaluate(2, q, new double[2], gq);
        hessian.factor(2);
        for (int b = 0; b < 2; b++) {
            // The dense H from central differences of the gradient, solved by Gaussian elimination.
            double[] a = new double[f * f];
            double step = 1e-5;
            for (int j = 0; j < f; j++) {
                double[][] gp = new double[2][f];
                double[][] gm = new double[2][f];
                double[][] qp = {q[0].clone(), q[1].clone()};
                double[][] qm = {q[0].clone(), q[1].clone()};
                qp[b][j] += step;
                qm[b][j] -= step;
                action.evaluate(2, qp, new double[2], gp);
                action.evaluate(2, qm, new double[2], gm);
                for (int i = 0; i < f; i++) {
                    a[i * f + j] = (gp[b][i] - gm[b][i]) / (2 * step);
                }
            }
            action.evaluate(2, q, new double[2], gq);
            double[] rhs = new double[f];
            for (int i = 0; i < f; i++) {
                rhs[i] = -gq[b][i];
            }
            double[] gCopy = gq[b].clone();
            assertTrue(Dense.solve(a, rhs, f));
            double[] delta = new double[f];
            double lambda2 = hessian.newtonStep(b, gCopy, delta);
            double dot = 0;
            for (int i = 0; i < f; i++) {
                assertEquals(rhs[i], delta[i], 1e-7 * (1 + Math.abs(rhs[i])), "delta[" + i + "], lane " + b);
                dot -= gCopy[i] * delta[i];
            }
            assertEquals(dot, lambda2, 1e-12 * dot, "the decrement is gᵀH⁻¹g");
        }
    }

    @Test
    void newtonConvergesQuadraticallyAndCertifies() {
        PathSolver.Options o = options(20, 4);
        LagrangianFixtures.Hill hill = new LagrangianFixtures.Hill(1);
        double[] theta = {0.01};
        // The reference: L-BFGS to ‖∂S/∂w‖∞ ≤ 1e-8 from the straight line (a weak hill: one minimum).
        double[] x = {-1.2, 0.4};
        double[] y = {1.1, -0.3};
        LanePathSolver reference = new LanePathSolver(hill, o);
        reference.set(x, y, theta);
        double[] qRef = new double[36];
        LanePathSolver.straight(x, y, 20, qRef);
        double sRef = reference.refine(qRef).value();
        LaneAction action = new LaneAction(hill, o, 4);
        action.setTheta(theta);
        LaneNewton newton = new LaneNewton(action, new LaneHessian(action, hill), 0, 1e-10, 10);
        double[][] q = new double[1][36];
        LanePathSolver.straight(x, y, 20, q[0]);
        double[] s = new double[1];
        double[][] gq = new double[1][36];
        LaneNewton.Outcome out = newton.run(new int[] {0}, new double[][] {x}, new double[][] {y}, q, s, gq);
        assertEquals(LaneNewton.Status.CONVERGED, out.status()[0]);
        assertTrue(out.steps()[0] <= 5, "Newton steps " + out.steps()[0]);
        assertEquals(sRef, s[0], 1e-12 * sRef);
        // The certificate at a point a little off the minimum: its ½λ²/S is the true relative gap to leading order.
        double[][] near = {qRef.clone()};
        for (int r = 0; r < 36; r++) {
            near[0][r] += 1e-3 * Math.sin(r);
        }
        action.setEnds(0, x, y);
        double[] sNear = new double[1];
        double[][] gNear = new double[1][36];
        action.evaluate(1, near, sNear, gNear);
        LaneHessian h = new LaneHessian(action, hill);
        h.factor(1);
        double l2 = h.newtonStep(0, gNear[0], new double[36]);
        double trueGap = sNear[0] - sRef;
        assertEquals(trueGap, 0.5 * l2, 1e-2 * trueGap, "½λ² against S − S*");
    }

    @Test
    void certificatesRefuseOnTheSaddleAndFarAway() {
        // A strong hill (M = 2): the straight line through its top is a saddle, H indefinite there.
        PathSolver.Options o = options(20, 4);
        LagrangianFixtures.Hill hill = new LagrangianFixtures.Hill(1);
        LaneAction action = new LaneAction(hill, o, 2);
        action.setTheta(new double[] {2});
        LaneNewton newton = new LaneNewton(action, new LaneHessian(action, hill), 0.5, 0, 10);
        double[] x = {-1, 0};
        double[] y = {1, 0};
        double[][] q = new double[2][36];
        LanePathSolver.straight(x, y, 20, q[0]);
        // A far point: a path bent 0.5 off a straight line beside the hill (no saddle nearby).
        double[] x2 = {-1, 2};
        double[] y2 = {1, 2};
        LanePathSolver.straight(x2, y2, 20, q[1]);
        for (int k = 0; k < 18; k++) {
            q[1][2 * k + 1] += 0.5 * Math.sin(Math.PI * (k + 1) / 19);
        }
        double[] s = new double[2];
        double[][] gq = new double[2][36];
        // gap 0.5: a certificate this loose still refuses the saddle (no positive-definite H) ...
        LaneNewton.Outcome out = newton.run(new int[] {0}, new double[][] {x, x2}, new double[][] {y, y2}, q, s, gq);
        assertEquals(LaneNewton.Status.NOT_POSITIVE_DEFINITE, out.status()[0]);
        assertEquals(0, out.steps()[0]);
        // ... and a tight one refuses the bent path at its start, then reaches the straight minimum.
        LaneNewton tight = new LaneNewton(action, new LaneHessian(action, hill), 1e-12, 0, 10);
        LaneNewton.Outcome far = tight.run(new int[] {1}, new double[][] {x, x2}, new double[][] {y, y2}, q, s, gq);
        assertEquals(LaneNewton.Status.CERTIFIED, far.status()[1]);
        assertTrue(far.steps()[1] >= 1, "the bent start was not certified");
        LanePathSolver reference = new LanePathSolver(hill, o);
        reference.set(x2, y2, new double[] {2});
        double[] qRef = new double[36];
        LanePathSolver.straight(x2, y2, 20, qRef);
        double sRef = reference.refine(qRef).value();
        assertEquals(sRef, s[1], 1e-10 * sRef, "Newton from the bent start reaches L-BFGS's minimum");
        assertFalse(LaneHessian.check(new LagrangianFixtures.Hill(2), new LagrangianFixtures.Hill(2), new double[] {2}), "½|v|² scaled by 2 is not ½|v|² + V");
        assertTrue(LaneHessian.check(hill, hill, new double[] {2}));
    }
}
