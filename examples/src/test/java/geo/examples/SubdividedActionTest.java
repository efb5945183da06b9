package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.transport.cost.DiscreteAction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The discrete action with m potential samples per segment along the spline through the points
 * ({@link DiscreteAction}, S_m = Σ_k [½|Δ_k|² − (1/m) Σ_j U(γ(s_kj))]): its value against a closed
 * form on a straight path, its gradients (points, ends, θ) against central differences on the
 * slit, and the reason it exists — a wall between two of the 20 points, which the paper's m = 1
 * does not see.
 */
class SubdividedActionTest {

    private static final Path DIR = Path.of(System.getProperty("geo.examples.dir", ".")).resolve("lagrangian-ot");
    private static final int T = 20;
    private static final double DELTA = 1e-6;

    /** L = ½|v|² + a·x₀, i.e. U = −a·x₀: linear, so its average along a straight path is known. */
    private static final String LINEAR = """
            manifold Tilt {
              coords x[2];
              param a = 0.3;
              lagrangian L(v) = 0.5 * dot(v, v) + a * x[0];
            }
            """;

    private static LagrangianKernels compile(SourceFile source) {
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load().only().lagrangian();
    }

    /**
     * On the straight line with equal steps the spline is the line, γ(s) = x + s(y − x), and
     * Σ_{k,j} s_kj = [m(T − 2) + (m − 1)]/2 with s_kj = (k + j/m)/(T − 1); so
     * S_m = (T − 1)·½|D + δ𝟙|² + a·[(T − 1)·x₀ + (y₀ − x₀)(m(T − 2) + m − 1)/(2m)], D = (y − x)/(T − 1).
     */
    @Test
    void straightPathMatchesTheClosedFormForEveryM() {
        LagrangianKernels tilt = compile(SourceFile.of("tilt.geo", LINEAR));
        double a = 0.3;
        double[] x = {-1.1, 0.3};
        double[] y = {1.2, -0.4};
        for (int m : new int[] {1, 2, 4, 7}) {
            DiscreteAction action = new DiscreteAction(tilt, T, DELTA, m);
            action.setProblem(x, y, new double[] {a});
            double[] q = new double[action.freeCount()];
            action.straight(q);
            double kinetic = 0;
            for (int i = 0; i < 2; i++) {
                double d = (y[i] - x[i]) / (T - 1) + DELTA;
                kinetic += 0.5 * (T - 1) * d * d;
            }
            double potential = a * ((T - 1) * x[0] + (y[0] - x[0]) * (m * (T - 2) + m - 1) / (2.0 * m));
            assertEquals(kinetic + potential, action.evaluate(q, null, null, null, null), 1e-13, "m = " + m);
        }
    }

    /** ∂S_m/∂q (every component), ∂S_m/∂x, ∂S_m/∂y and ∂S_m/∂θ against central differences. */
    @Test
    void gradientsMatchFiniteDifferencesOnTheSlit() throws IOException {
        LagrangianKernels slit = compile(SourceFile.read(DIR.resolve("slit.geo")));
        // τ = 0.05 keeps the wall's third derivative moderate for the difference step 1e-5.
        double[] theta = {1, 0.05};
        DiscreteAction action = new DiscreteAction(slit, T, DELTA, 4);
        SplittableRandom random = new SplittableRandom(19);
        double[] x = {-1.1, 0.35};
        double[] y = {1.15, 0.2};
        action.setProblem(x, y, theta);
        double[] q = new double[action.freeCount()];
        action.straight(q);
        for (int k = 0; k < q.length; k++) {
            q[k] += random.nextDouble(-0.05, 0.05);
        }
        double[] gq = new double[q.length];
        double[] gx = new double[2];
        double[] gy = new double[2];
        double[] gTheta = new double[2];
        double s = action.evaluate(q, gq, gx, gy, gTheta);
        // The path crosses the wall's edge region, so the sub-points do contribute.
        DiscreteAction paper = new DiscreteAction(slit, T, DELTA, 1);
        paper.setProblem(x, y, theta);
        assertTrue(Math.abs(s - paper.evaluate(q, null, null, null, null)) > 1e-3, "the sub-points see nothing");
        for (int k = 0; k < q.length; k++) {
            double saved = q[k];
            q[k] = saved + GradientChecks.STEP;
            action.setProblem(x, y, theta);
            double plus = action.evaluate(q, null, null, null, null);
            q[k] = saved - GradientChecks.STEP;
            double minus = action.evaluate(q, null, null, null, null);
            q[k] = saved;
            GradientChecks.compare((plus - minus) / (2 * GradientChecks.STEP), gq[k], gq, "∂S/∂q" + k);
        }
        GradientChecks.pairCost((xx, yy, th) -> {
            action.setProblem(xx, yy, th);
            return action.evaluate(q, null, null, null, null);
        }, x, y, theta, gx, gy, gTheta, new double[][] {{1, 0}, {0, 1}, {0.6, -0.8}});
    }

    /**
     * A path whose points 9 and 10 sit at x₀ = ∓0.15, either side of the slit's wall |x₀| < 0.1
     * at height 0.6 (outside the opening): the paper's action (m = 1) sees no point in the wall
     * (the wall's profile there is σ(−5) ≈ 0.007); with m = 4 the sub-points at x₀ ≈ −0.075, 0,
     * 0.075 are inside (profile about 0.9, 1, 0.9) and the action rises by more than ½ of M = 1 —
     * by exactly Σ_k [(1/4) Σ_j P(γ(s_kj)) − P(x_k)], P the wall's profile, computed here from the
     * closed-form profile and the spline's own positions (an independent check of the weights).
     */
    @Test
    void subPointsSeeAWallBetweenTwoPoints() throws IOException {
        LagrangianKernels slit = compile(SourceFile.read(DIR.resolve("slit.geo")));
        double[] theta = {1, 0.01};
        double[] x = {-1.2, 0.6};
        double[] y = {1.2, 0.6};
        double[] q = new double[2 * (T - 2)];
        for (int k = 1; k < T - 1; k++) {
            // Equal steps on each side of the gap [−0.15, 0.15].
            double x0 = k <= 9 ? -0.15 - (9 - k) * (1.05 / 9) : 0.15 + (k - 10) * (1.05 / 9);
            q[2 * (k - 1)] = x0;
            q[2 * (k - 1) + 1] = 0.6;
        }
        DiscreteAction paper = new DiscreteAction(slit, T, DELTA, 1);
        DiscreteAction fine = new DiscreteAction(slit, T, DELTA, 4);
        paper.setProblem(x, y, theta);
        fine.setProblem(x, y, theta);
        double s1 = paper.evaluate(q, null, null, null, null);
        double s4 = fine.evaluate(q, null, null, null, null);
        double[] pts = new double[2 * T];
        pts[0] = x[0];
        pts[1] = x[1];
        System.arraycopy(q, 0, pts, 2, q.length);
        pts[2 * T - 2] = y[0];
        pts[2 * T - 1] = y[1];
        geo.runtime.spline.SplinePath spline = fine.path(q);
        double expected = 0;
        double[] p = new double[2];
        for (int k = 0; k < T - 1; k++) {
            assertTrue(wall(pts[2 * k], pts[2 * k + 1]) < 0.01, "point " + k + " is in the wall");
            expected -= wall(pts[2 * k], pts[2 * k + 1]);
            for (int j = 0; j < 4; j++) {
                spline.position((k + j / 4.0) / (T - 1), p);
                expected += wall(p[0], p[1]) / 4;
            }
        }
        assertTrue(s4 - s1 > 0.5, "S_4 = " + s4 + ", S_1 = " + s1);
        assertEquals(expected, s4 - s1, 1e-12);
    }

    /** The slit's wall profile at M = 1, τ = 0.01: b(x₀, 0.1)·(1 − b(x₁, 0.25)). */
    private static double wall(double x0, double x1) {
        return bump(x0, 0.1) * (1 - bump(x1, 0.25));
    }

    private static double bump(double s, double w) {
        return sigmoid((s + w) / 0.01) - sigmoid((s - w) / 0.01);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
