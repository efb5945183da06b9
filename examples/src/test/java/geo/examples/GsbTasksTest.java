package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.learn.lagrangian.AmortiserFit;
import geo.runtime.learn.lagrangian.Networks;
import geo.runtime.learn.lagrangian.PathSolver;
import geo.runtime.learn.lagrangian.Task;
import geo.runtime.load.ModelSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The GSB tasks of Pooladian et al. 2024 (Liu et al. 2022; {@code shared/experiments/lagrangian-ot.md}
 * §2(i)b) as {@code examples/lagrangian-ot/{gmm,vneck,stunnel}.geo} plus the samplers of
 * {@link Task}: the compiled L(x, 0) = −U(x) against the spec's closed form at the final M, τ (to
 * 1e-13 relative, 400 points over the bounds and their middle half), the obstacle region {@link Task#inObstacle} against
 * the closed form's profile (−U/M above ½ for one sigmoid — up to τ at the edges, which the test
 * skips), and the samplers' means and standard deviations (4,000 draws, within 5 standard errors);
 * and the amortiser fit for new pairs ({@link AmortiserFit}) on the free particle, whose minimal
 * paths are straight: a constant amortiser output must be fitted to 0.
 */
class GsbTasksTest {

    private static final Path DIR = Path.of(System.getProperty("geo.examples.dir", ".")).resolve("lagrangian-ot");

    private static ModelSet compileFile(String file) throws IOException {
        SourceFile source = SourceFile.read(DIR.resolve(file));
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load();
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    /** −U/M of the spec: the sum of the obstacle sigmoids at temperature τ. */
    private static double profile(Task task, double x, double y, double tau) {
        return switch (task) {
            case GMM -> sigmoid((1.5 - Math.hypot(x - 6, y - 6)) / tau) + sigmoid((1.5 - Math.hypot(x - 6, y + 6)) / tau)
                    + sigmoid((1.5 - Math.hypot(x + 6, y + 6)) / tau);
            case VNECK -> sigmoid((-0.36 - (5 * x * x - y * y)) / tau);
            case STUNNEL -> sigmoid((90 - (20 * (x - 5) * (x - 5) + (y - 6) * (y - 6))) / tau)
                    + sigmoid((90 - (20 * (x + 5) * (x + 5) + (y + 6) * (y + 6))) / tau);
            default -> throw new IllegalArgumentException(task.toString());
        };
    }

    /** The argument of the nearest sigmoid, in units of τ (|a| ≤ 1: within τ of the edge). */
    private static double edge(Task task, double x, double y) {
        DoubleBinaryOperator m = Math::min;
        return switch (task) {
            case GMM -> m.applyAsDouble(Math.abs(1.5 - Math.hypot(x - 6, y - 6)), m.applyAsDouble(
                    Math.abs(1.5 - Math.hypot(x - 6, y + 6)), Math.abs(1.5 - Math.hypot(x + 6, y + 6))));
            case VNECK -> Math.abs(-0.36 - (5 * x * x - y * y));
            case STUNNEL -> m.applyAsDouble(Math.abs(90 - (20 * (x - 5) * (x - 5) + (y - 6) * (y - 6))),
                    Math.abs(90 - (20 * (x + 5) * (x + 5) + (y + 6) * (y + 6))));
            default -> throw new IllegalArgumentException(task.toString());
        } / task.finalTemperature();
    }

    @Test
    void potentialsAndObstacleRegionsMatchTheSpec() throws IOException {
        for (Task task : new Task[] {Task.GMM, Task.VNECK, Task.STUNNEL}) {
            LagrangianKernels l = compileFile(task.id() + ".geo").only().lagrangian();
            double mag = task.finalMagnitude();
            double tau = task.finalTemperature();
            double[] theta = {mag, tau};
            SplittableRandom r = new SplittableRandom(5);
            double[] v = new double[2];
            int inside = 0;
            for (int i = 0; i < 400; i++) {
                // Half the points over the bounds, half over the middle half of them (where the obstacles are).
                double s = i % 2 == 0 ? 1 : 0.5;
                double x = s * r.nextDouble(task.lower(), task.upper());
                double y = s * r.nextDouble(task.lower(), task.upper());
                double expected = mag * profile(task, x, y, tau);
                double got = l.lagrangian(0, new double[] {x, y}, v, theta);
                assertEquals(expected, got, 1e-13 * Math.max(mag, Math.abs(expected)), task + " at " + x + ", " + y);
                if (edge(task, x, y) > 1) {
                    boolean in = task.inObstacle(x, y);
                    inside += in ? 1 : 0;
                    assertEquals(profile(task, x, y, tau) > 0.5, in, task + " region at " + x + ", " + y);
                }
            }
            assertTrue(inside > 0, task + ": no random point fell in the obstacle; the region test saw nothing");
        }
    }

    @Test
    void samplersHaveTheSpecMoments() {
        // Source and target mean and sd per coordinate (GMM target: the 8 centres at radius 16, each sd 1,
        // so the coordinates have mean 0 and variance 16²/2 + 1).
        check(Task.GMM, false, 0, 0, 1, 1);
        check(Task.GMM, true, 0, 0, Math.sqrt(128 + 1), Math.sqrt(128 + 1));
        check(Task.VNECK, false, -7, 0, 0.04, 0.04);
        check(Task.VNECK, true, 7, 0, 0.04, 0.04);
        check(Task.STUNNEL, false, -11, -1, 0.25, 0.25);
        check(Task.STUNNEL, true, 11, -1, 0.25, 0.25);
    }

    private static void check(Task task, boolean target, double mx, double my, double sx, double sy) {
        int n = 4000;
        double[][] p = target ? task.targets(new SplittableRandom(7), n) : task.sources(new SplittableRandom(7), n);
        double[] mean = new double[2];
        double[] sq = new double[2];
        for (double[] q : p) {
            for (int i = 0; i < 2; i++) {
                mean[i] += q[i] / n;
                sq[i] += q[i] * q[i] / n;
            }
        }
        double[] m = {mx, my};
        double[] s = {sx, sy};
        for (int i = 0; i < 2; i++) {
            double sd = Math.sqrt(sq[i] - mean[i] * mean[i]);
            assertEquals(m[i], mean[i], 5 * s[i] / Math.sqrt(n), task + (target ? " target" : " source") + " mean " + i);
            // The sd of a sample sd is about s/√(2n) for a Gaussian; the GMM mixture's is larger, so 5% there.
            double tol = task == Task.GMM && target ? 0.05 * s[i] : 5 * s[i] / Math.sqrt(2.0 * n);
            assertEquals(s[i], sd, tol, task + (target ? " target" : " source") + " sd " + i);
        }
    }

    private static final String FREE = """
            manifold Free {
              coords x[2];
              lagrangian L(v) = 0.5 * dot(v, v);
            }
            """;
    private static final String NETS = """
            param w[2] = [0.03, -0.02];
            fn g(y[2]) = dot(w, y);
            fn T(x[2]) = x;
            """;
    private static final String CONSTANT_PATH = """
            param z[36] = zeros;
            fn path(x[2], y[2]) = z;
            """;

    private static ModelSet compile(String name, String text) {
        SourceFile source = SourceFile.of(name, text);
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load();
    }

    @Test
    void theAmortiserFitStraightensTheFreeParticlesPaths() {
        LagrangianKernels free = compile("free.geo", FREE).only().lagrangian();
        ModelSet nets = compile("nets.geo", NETS);
        ModelSet path = compile("path.geo", CONSTANT_PATH);
        double[] z = new double[36];
        SplittableRandom r = new SplittableRandom(11);
        for (int k = 0; k < z.length; k++) {
            z[k] = r.nextDouble(-0.2, 0.2);
        }
        Networks networks = new Networks(nets.function("g").function(), nets.function("T").function(),
                path.function("path").function(), new double[] {0.03, -0.02}, z);
        AmortiserFit.Result fit = AmortiserFit.run(Task.BOX, free, new double[0], PathSolver.Options.DEFAULTS,
                networks, new AmortiserFit.Options(400, 8, 2e-2, 1, AmortiserFit.Options.RELAX), 3);
        // The minimal paths are straight (up to δ = 1e-6 a step): the offset z must vanish.
        double worst = 0;
        for (double v : z) {
            worst = Math.max(worst, Math.abs(v));
        }
        assertTrue(worst < 1e-3, "largest fitted offset " + worst);
        assertTrue(fit.finalPredictedGap() < 1e-6, "predicted gap " + fit.finalPredictedGap());
    }
}
