package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.learn.lagrangian.CTransform;
import geo.runtime.learn.lagrangian.Evaluation;
import geo.runtime.learn.lagrangian.Networks;
import geo.runtime.learn.lagrangian.PathSolver;
import geo.runtime.learn.lagrangian.Task;
import geo.runtime.load.ModelSet;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.OptimResult;
import geo.runtime.transport.cost.DiscreteAction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pieces of {@code geo.runtime.learn.lagrangian} against closed forms: the minimal discrete
 * action of the free particle, ½(T − 1)|(y − x)/(T − 1) + δ𝟙|² (all T − 1 displacements equal);
 * its c-transform for a linear potential g(y) = wᵀy, ŷ = x + (T − 1)(w − δ𝟙); W₂² of a cloud and
 * its translate by s, |s|²; and the box task's paths, which must go around the box.
 */
class LagrangianOtTest {

    private static final Path DIR = Path.of(System.getProperty("geo.examples.dir", ".")).resolve("lagrangian-ot");
    private static final int T = 20;
    private static final double DELTA = 1e-6;

    private static ModelSet compile(String name, String text) {
        SourceFile source = SourceFile.of(name, text);
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load();
    }

    private static ModelSet compileFile(String file) throws IOException {
        SourceFile source = SourceFile.read(DIR.resolve(file));
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load();
    }

    private static final String FREE = """
            manifold Free {
              coords x[2];
              lagrangian L(v) = 0.5 * dot(v, v);
            }
            """;

    /** g(y) = wᵀy, T(x) = x, and an amortiser whose 36 outputs are a (zero) parameter: the straight line. */
    private static final String LINEAR = """
            param w[2] = [0.03, -0.02];
            fn g(y[2]) = dot(w, y);
            fn T(x[2]) = x;
            """;
    private static final String ZERO_PATH = """
            param z[36] = zeros;
            fn path(x[2], y[2]) = z;
            """;

    private static double freeAction(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < 2; i++) {
            double d = (y[i] - x[i]) / (T - 1) + DELTA;
            s += 0.5 * (T - 1) * d * d;
        }
        return s;
    }

    @Test
    void freeParticleActionAndCTransformMatchClosedForms() {
        LagrangianKernels free = compile("free.geo", FREE).only().lagrangian();
        PathSolver solver = new PathSolver(free, PathSolver.Options.DEFAULTS);
        double[] x = {-1.1, 0.3};
        double[] y = {1.2, -0.4};
        double[] q = new double[solver.freeCount()];
        OptimResult r = solver.best(x, y, new double[0], q);
        assertTrue(r.converged(), r.toString());
        assertEquals(freeAction(x, y), r.value(), 1e-12);
        // The kinetic preconditioner makes the free particle's Hessian the identity: L-BFGS from a
        // perturbed line needs at most 3 steps.
        solver.set(x, y, new double[0]);
        solver.straight(q);
        SplittableRandom noise = new SplittableRandom(9);
        for (int k = 0; k < q.length; k++) {
            q[k] += noise.nextDouble(-0.3, 0.3);
        }
        OptimResult p = solver.refine(q);
        assertTrue(p.converged() && p.iterations() <= 3, p.toString());
        assertEquals(freeAction(x, y), p.value(), 1e-12);

        ModelSet nets = compile("linear.geo", LINEAR);
        ModelSet path = compile("zero.geo", ZERO_PATH);
        double[] w = {0.03, -0.02};
        Networks networks = new Networks(nets.function("g").function(), nets.function("T").function(),
                path.function("path").function(), w.clone(), new double[36]);
        CTransform ct = new CTransform(new DiscreteAction(free, T, DELTA), networks, Task.BOX);
        double[] z = new double[ct.size()];
        double[] start = x.clone();
        networks.path(x, start, T, q);
        System.arraycopy(q, 0, z, 0, q.length);
        z[z.length - 2] = x[0];
        z[z.length - 1] = x[1];
        ct.set(x, new double[0]);
        Lbfgs lbfgs = new Lbfgs(Lbfgs.Settings.defaults().withGradientTolerance(1e-11));
        assertTrue(ct.solve(lbfgs, z).converged());
        for (int i = 0; i < 2; i++) {
            assertEquals(x[i] + (T - 1) * (w[i] - DELTA), z[z.length - 2 + i], 1e-8);
        }
    }

    @Test
    void translateHasW2EqualToTheSquaredShift() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] a = Task.BOX.sources(r, 40);
        double[][] b = new double[40][];
        for (int i = 0; i < 40; i++) {
            b[(i * 7) % 40] = new double[] {a[i][0] + 0.01, a[i][1] - 0.02};
        }
        assertEquals(0.01 * 0.01 + 0.02 * 0.02, Evaluation.w2(a, b), 1e-14);
    }

    @Test
    void boxPathsGoAroundTheBox() throws IOException {
        LagrangianKernels box = compileFile("box.geo").only().lagrangian();
        double[] theta = {Task.BOX.finalMagnitude(), Task.BOX.finalTemperature()};
        PathSolver solver = new PathSolver(box, PathSolver.Options.DEFAULTS);
        double[] q = new double[solver.freeCount()];
        double[] straightQ = new double[solver.freeCount()];
        for (double h : new double[] {-0.3, -0.05, 0, 0.02, 0.2}) {
            double[] x = {-1.1, h};
            double[] y = {1.1, -h / 2};
            solver.set(x, y, theta);
            solver.straight(straightQ);
            double straight = solver.refine(straightQ).value();
            OptimResult best = solver.best(x, y, theta, q);
            assertTrue(best.converged(), best.toString());
            assertTrue(best.value() <= straight + 1e-12, best.value() + " vs " + straight);
            int inside = 0;
            for (double[] p : solver.sample(q, T)) {
                inside += Task.BOX.inObstacle(p[0], p[1]) ? 1 : 0;
            }
            // Around the box, at most one point cuts a corner (the action sees only the 20 points).
            assertTrue(inside <= 1, inside + " points of the path from height " + h + " are in the box");
            // Through the box the action is at least the kinetic ½|y − x|²/19 plus M for each of the
            // ≥ 7 points with |x₀| < ½ (spacing ≤ 2.2/19 < 1/7): above the minimum found.
            double through = 0.5 * ((y[0] - x[0]) * (y[0] - x[0]) + (y[1] - x[1]) * (y[1] - x[1])) / 19
                    + 7 * 0.01 * 0.98;
            assertTrue(best.value() < through, best.value() + " vs " + through);
        }
    }

    @Test
    void annealingFollowsThePaperSchedule() {
        assertEquals(0, Task.annealWeight(0, 2000));
        assertEquals(1, Task.annealWeight(2000, 2000));
        assertEquals(0.5, Task.annealWeight(1000, 2000), 1e-15);
        assertEquals(1 / (1 + Math.exp(-10 * (0.25 - 0.5))), Task.annealWeight(500, 2000), 1e-15);
        assertEquals(0.1 + (0.01 - 0.1) * 0.5, Task.SLIT.temperature(1000, 2000), 1e-15);
        assertEquals(0.05, Task.HILL.magnitude(5000, 2000), 0);
    }
}
