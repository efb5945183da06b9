package geo.examples;

import static geo.examples.GeometryOracles.poincareDistance;
import static geo.examples.GeometryOracles.poincareExp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.check.ChartDomain;
import geo.compiler.check.CheckedProgram;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.emit.GeneratedClass;
import geo.compiler.emit.MethodSize;
import geo.compiler.emit.ModelEmitter;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.Lowering;
import geo.compiler.source.SourceFile;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.load.Model;
import geo.runtime.load.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models far larger than the examples, which the emitter once refused with "kernel ... cannot be
 * split below 8000 bytes per method" (issue #13, item 5): a Poincaré ball of 100 coordinates
 * (the limit was 34), a dense network metric of 64 coordinates, and 50 nested {@code exp} in a
 * network metric. Each compiles into methods under the JIT's limit, every kernel agrees with the
 * interpreter bit for bit at a few random points (as {@link CompiledKernelsTest} demands of the
 * examples at 1,000), and on the ball the solvers meet the closed forms.
 */
class LargeModelsTest {

    private static final int POINTS = 3;
    /** DOPRI5 at rtol = atol = 1e-12, as {@link LogDistanceOracleTest}. */
    private static final GeodesicMethod ACCURATE = GeodesicMethod.dopri5(1e-12, 1e-12);

    @TempDir
    Path dir;

    @Test
    void poincareBallOfOneHundredCoordinates() throws Exception {
        int d = 100;
        Model m = compile("ball100.geo", "manifold Ball100 {\n  coords x[" + d + "] in ball(1);\n"
                + "  metric g = (2 / (1 - dot(x, x)))^2 * eye(" + d + ");\n}\n").load().only();
        SplittableRandom random = new SplittableRandom(100);
        double[] x = ball(random, d, 0.5);
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = 0.1 * random.nextGaussian();
        }
        double[] end = new double[d];
        new Geodesics(m.acceleration(), ACCURATE).exp(x, v, m.defaultParameters(), end, new double[d]);
        double[] expected = poincareExp(x, v);
        for (int i = 0; i < d; i++) {
            assertEquals(expected[i], end[i], 1e-10, "exp, coordinate " + i);
        }
        // log and dist by shooting: a pair a hyperbolic distance of about 0.4 apart.
        double[] y = x.clone();
        for (int i = 0; i < d; i++) {
            y[i] += 0.02 * random.nextGaussian();
        }
        Distances.Distance r = new Distances(m, ACCURATE, new Shooting.Options(1e-11, 50, 30, true)).distance(x, y,
                m.defaultParameters());
        assertTrue(r.converged(), "log did not converge: " + r.log());
        assertEquals(poincareDistance(x, y), r.value(), 1e-8);
        assertTrue(r.value() > 0.2, "the pair is too close to test anything: " + r.value());
    }

    /** A dense 64 × 64 metric from a tanh network: g = u u' + I, u = W₂ tanh(W₁ x + b₁). */
    @Test
    void denseNetworkMetricOfSixtyFourCoordinates() throws Exception {
        Model m = compile("net64.geo", """
                manifold Net64 {
                  coords x[64];
                  param W1[8, 64] ~ normal(0, 0.1);
                  param b1[8] = 0;
                  param W2[64, 8] ~ normal(0, 0.3);
                  let u = W2 * tanh(W1 * x + b1);
                  metric g = u * u' + eye(64);
                }
                """).load().only();
        double[] g = new double[64 * 64];
        double[] x = new double[64];
        Arrays.fill(x, 0.3);
        m.metric().metric(x, m.defaultParameters(), g);
        int nonzero = 0;
        for (double gij : g) {
            nonzero += gij != 0 ? 1 : 0;
        }
        assertEquals(64 * 64, nonzero, "the metric is dense");
        // A geodesic keeps its speed: |v|_g at the end equals |v|_g at the start.
        double[] v = new double[64];
        for (int i = 0; i < 64; i++) {
            v[i] = 0.05 * Math.cos(i);
        }
        double[] xEnd = new double[64];
        double[] vEnd = new double[64];
        new Geodesics(m.acceleration(), ACCURATE).exp(x, v, m.defaultParameters(), xEnd, vEnd);
        double before = m.metric().energy(x, v, m.defaultParameters());
        double after = m.metric().energy(xEnd, vEnd, m.defaultParameters());
        assertEquals(before, after, 1e-10 * before);
    }

    /**
     * The network metric of {@code deep.geo} with 128 hidden units (issue 23): too large for fused
     * step kernels, so its kernels share the values they compute alike (the network and its
     * derivatives in x) through methods of their own, called by each kernel. Every kernel still
     * agrees with the interpreter bit for bit, the class is under 500 KB (1.56 MB when every
     * kernel inlined the network), and exp keeps the metric's speed along the geodesic.
     */
    @Test
    void networkMetricOfOneHundredTwentyEightUnitsSharesItsNetwork() throws Exception {
        String deep = Files.readString(Path.of(System.getProperty("geo.examples.dir", "."), "deep.geo"));
        assertTrue(deep.contains("W1[32, 2]"), "deep.geo changed: update this test");
        Compiler.Compiled compiled = compile("wide.geo", deep.replaceAll("\\b32\\b", "128"));
        GeneratedClass c = compiled.classes().get(0);
        assertTrue(c.bytes().length < 500 * 1024, "class of " + c.bytes().length + " bytes");
        assertTrue(c.methods().stream().anyMatch(s -> s.method().startsWith("shared$")), "no shared values");
        Model m = compiled.load().only();
        double[] x = {0.3, -0.2};
        double[] v = {0.6, 0.5};
        double[] xEnd = new double[2];
        double[] vEnd = new double[2];
        double[] theta = m.defaultParameters();
        new Geodesics(m.acceleration(), ACCURATE).exp(x, v, theta, xEnd, vEnd);
        double before = m.metric().energy(x, v, theta);
        assertEquals(before, m.metric().energy(xEnd, vEnd, theta), 1e-9 * before);
    }

    /**
     * 50 nested {@code exp} in the factor of the deep example: the reproducer itself (whose metric
     * overflows to infinity everywhere, so only its compilation is checked) and a variant that
     * stays finite, {@code exp(-exp(-…))}, compared with the interpreter.
     */
    @Test
    void fiftyNestedExpInADeepNetworkMetric() throws Exception {
        String deep = Files.readString(Path.of(System.getProperty("geo.examples.dir", "."), "deep.geo"));
        assertTrue(deep.contains("exp(l[0])"), "deep.geo changed: update this test");
        String nested = "l[0]";
        String finite = "l[0]";
        for (int k = 0; k < 50; k++) {
            nested = "exp(" + nested + ")";
            finite = "exp(-" + finite + ")";
        }
        Path reproducer = dir.resolve("deep2.geo");
        Files.writeString(reproducer, deep.replace("exp(l[0])", nested));
        Frontend.Result r = Frontend.checkFile(reproducer);
        assertTrue(r.ok(), r.diagnostics().render());
        for (GeneratedClass c : Compiler.compile(r.program(), SourceFile.read(reproducer)).classes()) {
            for (MethodSize s : c.methods()) {
                assertTrue(s.bytes() < 8000, s.method() + " has " + s.bytes() + " bytes");
            }
        }
        compile("deep3.geo", deep.replace("exp(l[0])", finite));
    }

    /**
     * Checks and compiles the model of {@code text}, asserts that every method is under the JIT's
     * limit, and compares every kernel with the interpreter at {@link #POINTS} points.
     */
    private Compiler.Compiled compile(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Frontend.Result r = Frontend.checkFile(file);
        assertTrue(r.ok(), r.diagnostics().render());
        CheckedProgram p = r.program();
        CheckedProgram.Model model = p.manifolds().get(0);
        NodeFactory f = new NodeFactory();
        var lowered = Lowering.lowerModel(p, model, f);
        ModelEmitter.Plan plan = ModelEmitter.manifold(model, lowered, f, "test", Models.runtimeVersion());
        int d = lowered.dimension();
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, -1);
        Arrays.fill(hi, 1);
        ChartDomain domain = model.domain() != null ? model.domain() : new ChartDomain.Box(lo, hi);
        Compiler.Compiled compiled = CompiledKernelsTest.compare(plan, file, domain, POINTS, false);
        for (GeneratedClass c : compiled.classes()) {
            for (MethodSize s : c.methods()) {
                assertTrue(s.bytes() < 8000, s.method() + " has " + s.bytes() + " bytes");
            }
        }
        return compiled;
    }

    /** A point at distance {@code radius} from the origin, in a random direction. */
    private static double[] ball(SplittableRandom random, int d, double radius) {
        double[] x = new double[d];
        double n = 0;
        for (int i = 0; i < d; i++) {
            x[i] = random.nextGaussian();
            n += x[i] * x[i];
        }
        for (int i = 0; i < d; i++) {
            x[i] *= radius / Math.sqrt(n);
        }
        return x;
    }
}
