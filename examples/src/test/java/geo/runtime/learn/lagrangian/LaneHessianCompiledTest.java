package geo.runtime.learn.lagrangian;

import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.load.Model;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link LaneHessian} on the compiled box and slit Lagrangians of {@code examples/lagrangian-ot} (in
 * the runtime's package, as it is package-private): the potential's Hessian comes from the compiled
 * acceleration Jacobian, and the sigmoid walls (τ = 0.01) are where it matters. At a minimal path
 * around the obstacle H must be positive definite and invert the central differences of the batched
 * gradient: ‖H_fd·H⁻¹ − I‖_max ≤ 1e-6 (the differences' step 1e-6 against curvatures up to M/τ² = 100
 * and 10⁴; measured 3e-9 and 9e-9).
 */
class LaneHessianCompiledTest {

    private static final Path DIR = Path.of(System.getProperty("geo.examples.dir", ".")).resolve("lagrangian-ot");

    private static Model compile(String file) throws IOException {
        SourceFile source = SourceFile.read(DIR.resolve(file));
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load().models().get(0);
    }

    @Test
    void compiledWallsHessianInvertsTheDifferencesOfTheGradient() throws IOException {
        for (String task : new String[] {"box", "slit"}) {
            Model model = compile(task + ".geo");
            LagrangianKernels l = model.lagrangian();
            AccelerationKernels acc = (AccelerationKernels) l;
            double[] theta = model.defaultParameters();
            assertTrue(LaneHessian.check(l, acc, theta), task + " is ½|v|² + V");
            PathSolver.Options o = PathSolver.Options.DEFAULTS;
            double[] x = {-1.1, 0.1};
            double[] y = {1.1, -0.05};
            double[][] q = new double[1][36];
            LanePathSolver.straight(x, y, 20, q[0]);
            for (int k = 0; k < 18; k++) {
                q[0][2 * k + 1] += 0.55 * Math.sin(Math.PI * (k + 1) / 19);
            }
            LanePathSolver solver = new LanePathSolver(l, o);
            solver.set(x, y, theta);
            assertTrue(solver.refine(q[0]).converged(), task);
            LaneAction action = new LaneAction(l, o, 1);
            action.setTheta(theta);
            action.setEnds(0, x, y);
            double[][] fd = new double[36][36];
            double step = 1e-6;
            for (int j = 0; j < 36; j++) {
                double[][] qp = {q[0].clone()};
                double[][] qm = {q[0].clone()};
                qp[0][j] += step;
                qm[0][j] -= step;
                double[][] gp = new double[1][36];
                double[][] gm = new double[1][36];
                action.evaluate(1, qp, new double[1], gp);
                action.evaluate(1, qm, new double[1], gm);
                for (int i = 0; i < 36; i++) {
                    fd[i][j] = (gp[0][i] - gm[0][i]) / (2 * step);
                }
            }
            action.evaluate(1, q, new double[1], new double[1][36]);
            LaneHessian h = new LaneHessian(action, acc);
            h.factor(1);
            assertTrue(h.positiveDefinite(0), task + ": H at a minimal path");
            double worst = 0;
            double[] e = new double[36];
            double[] d = new double[36];
            for (int j = 0; j < 36; j++) {
                java.util.Arrays.fill(e, 0);
                e[j] = 1;
                h.newtonStep(0, e, d);
                for (int i = 0; i < 36; i++) {
                    double v = 0;
                    for (int k = 0; k < 36; k++) {
                        v += fd[i][k] * d[k];
                    }
                    worst = Math.max(worst, Math.abs(v + (i == j ? 1 : 0)));
                }
            }
            assertTrue(worst <= 1e-6, task + ": ‖H_fd·H⁻¹ − I‖ = " + worst);
        }
    }
}
