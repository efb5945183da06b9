package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import geo.compiler.check.ChartDomain;
import geo.compiler.check.CheckedProgram;
import geo.compiler.driver.CompileReport;
import geo.compiler.driver.Compiler;
import geo.compiler.derive.FunctionInputRole;
import geo.compiler.derive.InputRole;
import geo.compiler.derive.KernelInput;
import geo.compiler.derive.LossInputRole;
import geo.compiler.driver.Frontend;
import geo.compiler.emit.GeneratedClass;
import geo.compiler.emit.KernelSpec;
import geo.compiler.emit.ModelEmitter;
import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.Lowering;
import geo.compiler.source.SourceFile;
import geo.runtime.api.CompiledModel;
import geo.runtime.api.LossKernels;
import geo.runtime.load.Models;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The differential test of the backend: for every example model (manifolds, losses and fns) and 1,000
 * random points each, every compiled kernel agrees with the DAG interpreter on the very IR it was
 * compiled from, bit for bit (and every generated class passes ASM's CheckClassAdapter): the
 * emitter performs the interpreter's operations in the
 * interpreter's order (the only rewrites, a + (−1)·b as a − b and −1·b as −b, are exact).
 */
class CompiledKernelsTest {

    private static final int POINTS = 1000;

    @TestFactory
    Stream<DynamicTest> everyKernelOfEveryExample() throws IOException {
        List<Path> files = GeometryOracles.exampleFiles();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            Frontend.Result r = Frontend.checkFile(file);
            assertTrue(r.ok(), r.diagnostics().render());
            CheckedProgram p = r.program();
            for (CheckedProgram.Model model : p.manifolds()) {
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " " + model.name(), () -> {
                    NodeFactory f = new NodeFactory();
                    var lowered = Lowering.lowerModel(p, model, f);
                    ModelEmitter.Plan plan = ModelEmitter.manifold(model, lowered, f, "test", Models.runtimeVersion());
                    ChartDomain domain = model.domain() != null ? model.domain() : new ChartDomain.Box(
                            filled(lowered.dimension(), -1), filled(lowered.dimension(), 1));
                    compare(plan, file, domain, POINTS, true);
                }));
            }
            for (CheckedProgram.Loss loss : p.losses()) {
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " loss " + loss.name(), () -> {
                    NodeFactory f = new NodeFactory();
                    var lowered = Lowering.lowerLoss(p, loss, f);
                    compare(ModelEmitter.loss(loss, lowered, f, "test", Models.runtimeVersion()), file, null, POINTS,
                            true);
                }));
            }
            for (CheckedProgram.Function fn : p.functions()) {
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " fn " + fn.name(), () -> {
                    NodeFactory f = new NodeFactory();
                    var lowered = Lowering.lowerFunction(p, fn, f);
                    compare(ModelEmitter.function(fn, lowered, f, "test", Models.runtimeVersion()), file, null, POINTS,
                            true);
                }));
            }
        }
        return tests.stream();
    }

    /**
     * Emits {@code plan}, compares every kernel with the interpreter at {@code points} random
     * points of {@code domain} (null for a loss), bit for bit, and returns the compiled class.
     * With {@code verify}, the class is also checked by ASM's {@code CheckClassAdapter}, whose
     * data-flow analysis takes seconds on classes of megabytes (the JVM's own verifier checks
     * every class when it is loaded, in any case).
     */
    static Compiler.Compiled compare(ModelEmitter.Plan plan, Path file, ChartDomain domain, int points,
                                     boolean verify) throws Exception {
        GeneratedClass gc = ModelEmitter.emit(plan, file.getFileName().toString());
        if (verify) {
            StringWriter problems = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(gc.bytes()), CompiledKernelsTest.class.getClassLoader(), false,
                    new PrintWriter(problems));
            assertTrue(problems.toString().isEmpty(), "class " + gc.binaryName() + " does not verify:\n" + problems);
        }
        Compiler.Compiled compiled = new Compiler.Compiled(SourceFile.read(file), "test", Models.runtimeVersion(),
                List.of(gc), new CompileReport());
        CompiledModel instance = compiled.load().only().newInstance();
        int d = plan.dimension();
        int n = plan.descriptor().inputCount();
        int pCount = plan.descriptor().parameterCount();
        // The row of a recorded fused step: x, v, residuals (the last INPUT role).
        int row = plan.constants().getOrDefault("rk4Row", 2 * d);
        // The primal values of an implicit system's JVP, read by its tangent part, are residuals too.
        int residuals = plan.constants().getOrDefault("systemJvpResiduals", row - 2 * d);
        InputRole.Layout layout = new InputRole.Layout(d, pCount, residuals);
        LossInputRole.Layout lossLayout = new LossInputRole.Layout(n, pCount);
        int outputs = 1;
        for (int k : plan.descriptor().output()) {
            outputs *= k;
        }
        FunctionInputRole.Layout fnLayout = new FunctionInputRole.Layout(n, pCount, outputs);
        SplittableRandom random = new SplittableRandom(2024);
        for (KernelSpec spec : plan.kernels()) {
            Class<?>[] types = new Class<?>[spec.args().size()];
            for (int i = 0; i < types.length; i++) {
                KernelSpec.Arg arg = spec.args().get(i);
                types[i] = arg.array() ? double[].class : arg.integer() ? int.class : double.class;
            }
            Method method = findMethod(instance.getClass(), spec.name(), types);
            List<Node> roots = new ArrayList<>();
            for (KernelSpec.Output o : spec.outputs()) {
                roots.addAll(List.of(o.values()));
            }
            if (spec.returned() != null) {
                roots.add(spec.returned());
            }
            Program oracle = Program.compile(roots.toArray(Node[]::new));
            for (int point = 0; point < points; point++) {
                Object[] args = new Object[types.length];
                double t = random.nextDouble();
                double[] x = domain == null ? new double[0] : domain.sample(d, 0.05, random);
                double[] theta = plan.defaults().clone();
                for (int i = 0; i < theta.length; i++) {
                    theta[i] += 0.1 * random.nextGaussian();
                }
                double[] inputs = gaussian(random, domain == null ? 2 * n + pCount + outputs
                        : InputRole.RESIDUAL.offset(layout) + InputRole.RESIDUAL.length(layout));
                if (domain != null) {
                    // The step size of the fused integrator step.
                    inputs[InputRole.STEP.offset(layout)] = 0.01 + 0.1 * random.nextDouble();
                }
                double[] v = gaussian(random, d);
                for (int i = 0; i < types.length; i++) {
                    KernelSpec.Arg arg = spec.args().get(i);
                    args[i] = arg.reads() != null ? switch (arg.reads()) {
                        case TIME -> t;
                        case COORD -> x;
                        case VELOCITY -> v;
                        case PARAM -> theta;
                        case INPUT -> throw new IllegalStateException(arg.toString());
                    } : arg.role() != null ? input(inputs, arg.role(), layout, lossLayout, fnLayout) : switch (arg.name()) {
                        case "at" -> AT;
                        case "rows" -> rows(x, v, inputs, layout, row);
                        default -> new double[outputLength(spec, i)];
                    };
                }
                Object returned = method.invoke(instance, args);
                double[] expected = oracle.evaluate(new Bindings().coords(x).velocities(v).time(t).params(theta)
                        .inputs(inputs));
                int k = 0;
                for (KernelSpec.Output o : spec.outputs()) {
                    double[] got = (double[]) args[o.arg()];
                    int at = (o.offset() < 0 ? 0 : AT) + o.start();
                    for (int e = 0; e < o.values().length; e++) {
                        check(expected[k++], got[at + e], spec, point);
                    }
                }
                if (spec.returned() != null) {
                    check(expected[k], (Double) returned, spec, point);
                }
            }
        }
        for (KernelSpec spec : plan.batches()) {
            // A loss's batch gradient (lossGradientBatch) and a fn's batch value (valueBatch) are checked
            // against their per-row kernels, compared with the interpreter above, by compiler
            // LossBatchKernelTest and FnBatchKernelTest.
            if (!spec.name().equals("lossGradient") && !spec.name().equals("value")) {
                compareBatch(instance, spec, domain, layout, random, Math.max(1, points / 50));
            }
        }
        return compiled;
    }

    /** Points per batch in {@link #compareBatch}: a vector loop (4 or 8 lanes) and a scalar tail of other length. */
    private static final int BATCH = 13;

    /**
     * The batch variant of a kernel ({@code BatchStepKernels}) against the interpreter, bit for
     * bit, on {@code batches} batches of {@link #BATCH} points in structure-of-arrays layout: x, v
     * and the per-point outputs per point, t, θ and the step size shared.
     */
    private static void compareBatch(CompiledModel instance, KernelSpec spec, ChartDomain domain,
                                     InputRole.Layout layout, SplittableRandom random, int batches) throws Exception {
        int d = layout.d();
        int first = -1;
        List<Class<?>> types = new ArrayList<>();
        for (int i = 0; i < spec.args().size(); i++) {
            KernelSpec.Arg arg = spec.args().get(i);
            if (arg.array() && first < 0) {
                first = i;
                types.add(int.class);
            }
            types.add(arg.array() ? double[].class : double.class);
        }
        Method method = findMethod(instance.getClass(), spec.name() + "Batch", types.toArray(Class<?>[]::new));
        List<Node> roots = new ArrayList<>();
        for (KernelSpec.Output o : spec.outputs()) {
            roots.addAll(List.of(o.values()));
        }
        Program oracle = Program.compile(roots.toArray(Node[]::new));
        for (int batch = 0; batch < batches; batch++) {
            double t = random.nextDouble();
            double[] inputs = gaussian(random, InputRole.RESIDUAL.offset(layout));
            inputs[InputRole.STEP.offset(layout)] = 0.01 + 0.1 * random.nextDouble();
            double[] theta = gaussian(random, layout.params());
            double[][] xs = new double[BATCH][];
            double[][] vs = new double[BATCH][];
            double[] x = new double[d * BATCH];
            double[] v = new double[d * BATCH];
            for (int b = 0; b < BATCH; b++) {
                xs[b] = domain.sample(d, 0.05, random);
                vs[b] = gaussian(random, d);
                for (int i = 0; i < d; i++) {
                    x[i * BATCH + b] = xs[b][i];
                    v[i * BATCH + b] = vs[b][i];
                }
            }
            List<Object> args = new ArrayList<>();
            List<double[]> outs = new ArrayList<>();
            for (int i = 0; i < spec.args().size(); i++) {
                KernelSpec.Arg arg = spec.args().get(i);
                if (i == first) {
                    args.add(BATCH);
                }
                if (arg.reads() != null) {
                    args.add(switch (arg.reads()) {
                        case TIME -> t;
                        case COORD -> x;
                        case VELOCITY -> v;
                        case PARAM -> theta;
                        case INPUT -> throw new IllegalStateException(arg.toString());
                    });
                } else if (arg.role() != null) {
                    args.add(input(inputs, arg.role(), layout, null, null));
                } else {
                    double[] out = new double[d * BATCH];
                    Arrays.fill(out, Double.NaN);
                    outs.add(out);
                    args.add(out);
                }
            }
            method.invoke(instance, args.toArray());
            for (int b = 0; b < BATCH; b++) {
                double[] expected = oracle.evaluate(new Bindings().coords(xs[b]).velocities(vs[b]).time(t)
                        .params(theta).inputs(inputs));
                int k = 0;
                for (double[] out : outs) {
                    for (int e = 0; e < d; e++) {
                        check(expected[k++], out[e * BATCH + b], spec, batch * BATCH + b);
                    }
                }
            }
        }
    }

    /**
     * The loss kernels' argument contract ({@code LossKernels}), independent of how slots are laid
     * out: lossHvp(in, θ, wIn, wTheta) is the central difference of lossGradient along (wIn, wTheta),
     * [∇ℓ(z + εw) − ∇ℓ(z − εw)] / 2ε with ε = 1e-5, to 1e-7 (its O(ε²) error is ~1e-10 here).
     */
    @Test
    void compiledLossHvpReadsItsDirectionFromWInAndWTheta() {
        SourceFile source = SourceFile.of("t.geo",
                "param W[2, 3] = 0;\nloss l(y[2], z[3]) = dot(tanh(W * z) - y, tanh(W * z) - y) * exp(0.1 * sum(z));\n");
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        LossKernels k = (LossKernels) Compiler.compile(r.program(), source).load().only().newInstance();
        SplittableRandom random = new SplittableRandom(7);
        double[] in = gaussian(random, 5);
        double[] theta = gaussian(random, 6);
        double[] wIn = gaussian(random, 5);
        double[] wTheta = gaussian(random, 6);
        double[] hIn = new double[5];
        double[] hTheta = new double[6];
        k.lossHvp(in, theta, wIn, wTheta, hIn, hTheta);
        double eps = 1e-5;
        double[] gpIn = new double[5];
        double[] gpTheta = new double[6];
        double[] gmIn = new double[5];
        double[] gmTheta = new double[6];
        k.lossGradient(axpy(in, eps, wIn), axpy(theta, eps, wTheta), gpIn, gpTheta);
        k.lossGradient(axpy(in, -eps, wIn), axpy(theta, -eps, wTheta), gmIn, gmTheta);
        for (int i = 0; i < 5; i++) {
            assertEquals((gpIn[i] - gmIn[i]) / (2 * eps), hIn[i], 1e-7, "hIn[" + i + "]");
        }
        for (int i = 0; i < 6; i++) {
            assertEquals((gpTheta[i] - gmTheta[i]) / (2 * eps), hTheta[i], 1e-7, "hTheta[" + i + "]");
        }
    }

    private static double[] axpy(double[] x, double a, double[] y) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += a * y[i];
        }
        return out;
    }

    /** The offset of a recorded step's row in its array: not 0, so that offsets are exercised. */
    private static final int AT = 3;

    /** A trajectory array with the row at {@link #AT}: x, v, the residual inputs, then room for the next state. */
    private static double[] rows(double[] x, double[] v, double[] inputs, InputRole.Layout layout, int row) {
        int d = layout.d();
        double[] rows = new double[AT + row + 2 * d];
        Arrays.fill(rows, Double.NaN);
        System.arraycopy(x, 0, rows, AT, d);
        System.arraycopy(v, 0, rows, AT + d, d);
        System.arraycopy(inputs, InputRole.RESIDUAL.offset(layout), rows, AT + 2 * d, row - 2 * d);
        return rows;
    }

    /** The argument of an input role: its slots of {@code inputs} (its one slot's value for a scalar role). */
    private static Object input(double[] inputs, KernelInput role, InputRole.Layout layout,
                                LossInputRole.Layout loss, FunctionInputRole.Layout fn) {
        if (role instanceof LossInputRole r) {
            int at = r.offset(loss);
            return Arrays.copyOfRange(inputs, at, at + r.length(loss));
        }
        if (role instanceof FunctionInputRole r) {
            int at = r.offset(fn);
            return Arrays.copyOfRange(inputs, at, at + r.length(fn));
        }
        InputRole r = (InputRole) role;
        int at = r.offset(layout);
        return r.scalar() ? (Object) inputs[at] : Arrays.copyOfRange(inputs, at, at + r.length(layout));
    }

    private static void check(double expected, double actual, KernelSpec spec, int point) {
        if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
            fail("kernel " + spec.name() + " at point " + point + ": compiled " + actual + ", interpreter " + expected
                    + " (relative difference " + Math.abs(expected - actual) / Math.abs(expected) + ")");
        }
    }

    private static int outputLength(KernelSpec spec, int arg) {
        for (KernelSpec.Output o : spec.outputs()) {
            if (o.arg() == arg) {
                return o.values().length;
            }
        }
        throw new IllegalStateException("argument " + arg + " of " + spec.name() + " is neither input nor output");
    }

    private static Method findMethod(Class<?> type, String name, Class<?>[] types) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name, types);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                continue;
            }
        }
        throw new NoSuchMethodException(name);
    }

    private static double[] gaussian(SplittableRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextGaussian();
        }
        return out;
    }

    private static double[] filled(int d, double value) {
        double[] out = new double[d];
        Arrays.fill(out, value);
        return out;
    }
}
