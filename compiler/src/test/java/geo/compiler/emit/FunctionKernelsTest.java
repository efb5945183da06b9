package geo.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.check.CheckedProgram;
import geo.compiler.derive.FunctionInputRole;
import geo.compiler.derive.Kernels;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.LoweredFunction;
import geo.compiler.lower.Lowering;
import geo.compiler.source.SourceFile;
import geo.compiler.testing.Numeric;
import geo.runtime.api.FunctionKernels;
import geo.runtime.load.Model;
import geo.runtime.load.ModelSet;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiled fn kernels (value, JVP, VJP of {@code FunctionKernels}) for a scalar, a vector and a
 * matrix valued fn, with and without parameters: bit for bit the interpreter on the very IR
 * compiled (the plan's kernels), the JVP and VJP against central differences of the compiled
 * value ({@link Numeric#assertDerivative}: 1e-7 relative), and the adjoint identity
 * ⟨ȳ, J·ẋ⟩ = ⟨Jᵀȳ, ẋ⟩ to 1e-12 relative.
 */
class FunctionKernelsTest {

    private static final String WITH_PARAMS = """
            param W1[3, 2] ~ normal(0, 0.7);
            param b1[3] ~ normal(0, 0.2);
            param W2[1, 3] ~ normal(0, 0.7);
            param c = 0.4;
            fn net(x[2]) = W2 * tanh(W1 * x + b1) + c;
            fn field(x[2], s) = s * tanh(W1 * x) + exp(c * x[0]) * b1;
            fn frame(x[2]) = [[exp(c * x[0]), x[1] * W1[0, 1]], [sin(x[0] * x[1]), cos(c) + x[0]^2]];
            """;
    private static final String WITHOUT_PARAMS = """
            fn sq(x) = x^2 * sin(x);
            fn poly(x[3]) = [x[0] * x[1], x[2]^3, exp(x[0]) / (1 + x[1]^2)];
            fn outer(a[2], m[2, 2]) = m * a * a' + m';
            """;

    record Case(String source, String fn, int outputs, boolean params) {
        @Override
        public String toString() {
            return fn + (params ? " (with θ)" : " (no θ)");
        }
    }

    static Stream<Case> cases() {
        return Stream.of(new Case(WITH_PARAMS, "net", 1, true), new Case(WITH_PARAMS, "field", 3, true),
                new Case(WITH_PARAMS, "frame", 4, true), new Case(WITHOUT_PARAMS, "sq", 1, false),
                new Case(WITHOUT_PARAMS, "poly", 3, false), new Case(WITHOUT_PARAMS, "outer", 4, false));
    }

    private static CheckedProgram check(String text) {
        Frontend.Result r = Frontend.check(SourceFile.of("f.geo", text));
        assertTrue(r.ok(), r.diagnostics().render());
        return r.program();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compiledEqualsInterpreterBitForBit(Case c) {
        CheckedProgram p = check(c.source());
        CheckedProgram.Function fn = p.functions().stream().filter(x -> x.name().equals(c.fn())).findFirst().orElseThrow();
        NodeFactory f = new NodeFactory();
        LoweredFunction l = Lowering.lowerFunction(p, fn, f);
        ModelEmitter.Plan plan = ModelEmitter.function(fn, l, f, "hash", "test");
        FunctionKernels k = ModelSetHolder.load(c.source()).function(c.fn()).function();
        int n = l.inputCount();
        int m = l.value().size();
        int np = l.params().size();
        assertEquals(c.outputs(), m);
        assertEquals(c.params(), np > 0);
        Random rnd = new Random(7);
        FunctionInputRole.Layout layout = Kernels.functionLayout(l);
        for (int trial = 0; trial < 5; trial++) {
            double[] in = random(rnd, n, 0.8);
            double[] theta = random(rnd, np, 0.6);
            double[] dIn = random(rnd, n, 1);
            double[] dTheta = random(rnd, np, 1);
            double[] outBar = random(rnd, m, 1);
            double[] slots = new double[FunctionInputRole.OUT_BAR.offset(layout) + m];
            System.arraycopy(in, 0, slots, FunctionInputRole.INPUT.offset(layout), n);
            System.arraycopy(dIn, 0, slots, FunctionInputRole.D_INPUT.offset(layout), n);
            System.arraycopy(dTheta, 0, slots, FunctionInputRole.D_THETA.offset(layout), np);
            System.arraycopy(outBar, 0, slots, FunctionInputRole.OUT_BAR.offset(layout), m);
            Bindings b = new Bindings().inputs(slots).params(theta);

            double[] value = new double[m];
            k.value(in, theta, value);
            assertArrayEquals(interpret(plan, "value", 0, b), value, 0.0, "value");
            double[] out = new double[m];
            double[] dOut = new double[m];
            k.jvp(in, theta, dIn, dTheta, out, dOut);
            assertArrayEquals(value, out, 0.0, "jvp's value");
            assertArrayEquals(interpret(plan, "jvp", 1, b), dOut, 0.0, "jvp");
            double[] inBar = new double[n];
            double[] thetaBar = new double[np];
            k.vjp(in, theta, outBar, inBar, thetaBar);
            assertArrayEquals(interpret(plan, "vjp", 0, b), inBar, 0.0, "vjp, inputs");
            assertArrayEquals(interpret(plan, "vjp", 1, b), thetaBar, 0.0, "vjp, θ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jvpAndVjpMatchFiniteDifferencesAndAreAdjoint(Case c) {
        Model model = ModelSetHolder.load(c.source()).function(c.fn());
        FunctionKernels k = model.function();
        int n = model.descriptor().inputCount();
        int np = model.descriptor().parameterCount();
        int m = c.outputs();
        Random rnd = new Random(11);
        // z = (in, θ): the compiled value as a function of both
        Function<double[], double[]> value = z -> {
            double[] out = new double[m];
            k.value(java.util.Arrays.copyOfRange(z, 0, n), java.util.Arrays.copyOfRange(z, n, n + np), out);
            return out;
        };
        for (int trial = 0; trial < 5; trial++) {
            double[] z = random(rnd, n + np, 0.8);
            double[] in = java.util.Arrays.copyOfRange(z, 0, n);
            double[] theta = java.util.Arrays.copyOfRange(z, n, n + np);
            double[] f0 = value.apply(z);
            // JVP along a random direction vs central differences
            double[] dz = random(rnd, n + np, 1);
            double[] out = new double[m];
            double[] dOut = new double[m];
            k.jvp(in, theta, java.util.Arrays.copyOfRange(dz, 0, n), java.util.Arrays.copyOfRange(dz, n, n + np),
                    out, dOut);
            double[] fd = Numeric.directional(value, z, dz);
            for (int i = 0; i < m; i++) {
                Numeric.assertDerivative(c + " jvp[" + i + "]", dOut[i], fd[i], f0[i]);
            }
            // VJP: component j of (īn, θ̄) is ⟨ȳ, ∂f/∂z_j⟩, against central differences along e_j
            double[] outBar = random(rnd, m, 1);
            double[] inBar = new double[n];
            double[] thetaBar = new double[np];
            k.vjp(in, theta, outBar, inBar, thetaBar);
            double[] zBar = concat(inBar, thetaBar);
            double scale = 0;
            for (int i = 0; i < m; i++) {
                scale += Math.abs(outBar[i] * f0[i]);
            }
            for (int j = 0; j < n + np; j++) {
                double[] col = Numeric.directional(value, z, Numeric.unit(n + np, j));
                Numeric.assertDerivative(c + " vjp[" + j + "]", zBar[j], dot(outBar, col), scale);
            }
            // the adjoint identity ⟨ȳ, J·ż⟩ = ⟨Jᵀȳ, ż⟩
            double left = dot(outBar, dOut);
            double right = dot(zBar, dz);
            assertTrue(Math.abs(left) > 1e-3, "a non-trivial inner product: " + left);
            assertEquals(left, right, 1e-12 * Math.max(Math.abs(left), Math.abs(right)), c + " adjoint identity");
        }
    }

    /** Output {@code output} of kernel {@code name} of the plan, interpreted. */
    private static double[] interpret(ModelEmitter.Plan plan, String name, int output, Bindings b) {
        KernelSpec spec = plan.kernels().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        return Program.compile(spec.outputs().get(output).values()).evaluate(b);
    }

    static double[] random(Random rnd, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * (2 * rnd.nextDouble() - 1);
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Compiles a source once per text and loads it in this process. */
    static final class ModelSetHolder {
        private static final java.util.Map<String, ModelSet> SETS = new java.util.concurrent.ConcurrentHashMap<>();

        static ModelSet load(String text) {
            return SETS.computeIfAbsent(text, t -> {
                Frontend.Result r = Frontend.check(SourceFile.of("f.geo", t));
                assertTrue(r.ok(), r.diagnostics().render());
                return Compiler.compile(r.program(), r.program().main().source()).load();
            });
        }

        private ModelSetHolder() {
        }
    }

}
