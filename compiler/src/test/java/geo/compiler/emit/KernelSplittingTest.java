package geo.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.runtime.api.Domain;
import geo.runtime.api.ModelDescriptor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Kernels of shapes a chain of small steps ({@link LargeKernelTest}) does not have: a single sum
 * or product wider than a method, tens of thousands of constant outputs, more segments than a
 * method can call, one value written to thousands of outputs. Each compiles into methods under
 * the JIT limit, verifies, and agrees with the interpreter bit for bit. The old emitter refused
 * these kernels ("cannot be split below 8000 bytes per method").
 */
class KernelSplittingTest {

    private static final int X = 4;

    /** A sum of 2,500 terms (every third subtracted) and a product of 1,500 factors starting with −1. */
    @Test
    void oneSumOrProductWiderThanAMethodIsComputedInParts() throws Exception {
        NodeFactory f = new NodeFactory();
        List<Node> terms = new ArrayList<>();
        List<Node> factors = new ArrayList<>();
        factors.add(f.constant(-1));
        for (int k = 0; k < 2500; k++) {
            Node t = f.mul(f.sin(f.mul(f.param("theta", k), f.coord(k % X))), f.coord((k + 1) % X));
            terms.add(k % 3 == 0 ? f.neg(t) : t);
            if (k < 1500) {
                factors.add(f.add(f.one(), f.mul(f.constant(1e-4), f.param("theta", k))));
            }
        }
        Node sum = f.add(terms);
        Node product = f.mul(factors);
        assertTrue(sum.arity() == 2500 && product.arity() == 1501, sum.arity() + " terms, " + product.arity()
                + " factors");
        check(f, new Node[] {sum, product}, 2500, 0);
    }

    /** 12,000 outputs: runs of 0.0 and −0.0, scattered constants, symbols and computed values. */
    @Test
    void tensOfThousandsOfConstantOutputsAreWrittenInTheirOwnMethods() throws Exception {
        NodeFactory f = new NodeFactory();
        Node[] out = new Node[12_000];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (i % 101) {
                case 0 -> f.sin(f.coord(i % X));
                case 1 -> f.coord(i % X);
                case 2, 3, 5 -> f.constant(2.5);
                default -> f.constant(i % 202 < 101 ? 0.0 : -0.0);
            };
        }
        check(f, out, 1, 0);
    }

    /**
     * One value written to 3,000 outputs (as λ² on the diagonal of the d = 1,000 Poincaré ball's
     * system matrix): its stores alone exceed a method, so most of them are made later, from the
     * work array.
     */
    @Test
    void oneValueWrittenToThousandsOfOutputs() throws Exception {
        NodeFactory f = new NodeFactory();
        Node shared = f.powi(f.sin(f.add(f.coord(0), f.coord(1))), 2);
        Node[] out = new Node[3000];
        for (int i = 0; i < out.length; i++) {
            out[i] = i % 3 == 0 ? f.constant(0) : shared;
        }
        check(f, out, 0, 0);
    }

    /** A kernel of many segments, called through a tree of calling methods three levels deep. */
    @Test
    void segmentsAreCalledThroughATreeWhenOneMethodCannotCallThemAll() throws Exception {
        NodeFactory f = new NodeFactory();
        Node y = f.coord(0);
        for (int k = 0; k < 1000; k++) {
            y = f.add(f.mul(f.sin(y), f.param("theta", k)), f.mul(y, f.coord(1)));
        }
        ClassEmitter.Emitted e = check(f, new Node[] {y, f.constant(0), f.coord(2)}, 1000, 2);
        long groups = e.methods().stream().filter(m -> m.method().contains("$call2_")).count();
        assertTrue(groups > 0, "expected a third level of calling methods: " + e.methods());
    }

    /**
     * 40,000 distinct constants need 80,000 constant-pool slots, more than a class file has: a
     * {@link ClassLimitException} naming the model and the limit, not ASM's internal exception.
     */
    @Test
    void aClassBeyondTheConstantPoolLimitIsAClearError() {
        NodeFactory f = new NodeFactory();
        List<Node> terms = new ArrayList<>();
        for (int k = 0; k < 40_000; k++) {
            terms.add(f.sin(f.mul(f.constant(1 + k * 1e-6), f.coord(0))));
        }
        KernelSpec spec = new KernelSpec("kernel", List.of(KernelSpec.Arg.array("x"), KernelSpec.Arg.array("out")),
                s -> new KernelSpec.Source(0, s.index()), List.of(new KernelSpec.Output(1, new Node[] {f.add(terms)})),
                null, 1);
        ClassLimitException e = org.junit.jupiter.api.Assertions.assertThrows(ClassLimitException.class,
                () -> ClassEmitter.emit("geo/models/Huge", "java/lang/Object", 0, List.of(), "huge.geo", "{}",
                        List.of(spec), Map.of()));
        assertTrue(e.getMessage().startsWith("model 'Huge' is too large to compile: its class would need ")
                && e.getMessage().contains("constant-pool entries") && e.getMessage().contains("65,535"),
                e.getMessage());
    }

    /**
     * Compiles {@code out} as a kernel (x, theta, an offset into the output array) → out, checks
     * sizes and the class, and compares with the interpreter at a few random points.
     */
    private ClassEmitter.Emitted check(NodeFactory f, Node[] out, int params, int maxCalls) throws Exception {
        KernelSpec spec = new KernelSpec("kernel", List.of(KernelSpec.Arg.array("x"), KernelSpec.Arg.array("theta"),
                KernelSpec.Arg.offset("at"), KernelSpec.Arg.array("out")),
                s -> s.kind() == Symbol.Kind.COORD ? new KernelSpec.Source(0, s.index())
                        : new KernelSpec.Source(1, s.index()),
                List.of(new KernelSpec.Output(3, out, 2, 1)), null, 1);
        ModelDescriptor descriptor = new ModelDescriptor("Split", "metric", X, List.of("a", "b", "c", "d"), Domain.NONE,
                List.of(), List.of(), List.of(), Set.of(), "none", "test");
        ClassEmitter.Emitted e = ClassEmitter.emit("geo/models/Split", "java/lang/Object", 0,
                List.of("geo/runtime/api/CompiledModel"), "split.geo", descriptor.toJson(), List.of(spec), Map.of(),
                maxCalls);
        for (MethodSize m : e.methods()) {
            assertTrue(m.bytes() < MethodEmitter.HUGE_METHOD_LIMIT, m.method() + " has " + m.bytes() + " bytes");
        }
        assertTrue(e.methods().size() > 5, "expected the kernel split, got " + e.methods());
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(e.bytes()), getClass().getClassLoader(), false,
                new PrintWriter(problems));
        assertEquals("", problems.toString());
        Class<?> type = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("geo.models.Split", e.bytes(), 0, e.bytes().length);
            }
        }.define();
        Object instance = type.getDeclaredConstructor().newInstance();
        Method kernel = type.getMethod("kernel", double[].class, double[].class, int.class, double[].class);
        Program oracle = Program.compile(out);
        SplittableRandom random = new SplittableRandom(13);
        for (int point = 0; point < 3; point++) {
            double[] x = new double[X];
            double[] theta = new double[params];
            for (int i = 0; i < X; i++) {
                x[i] = random.nextDouble(-1, 1);
            }
            for (int i = 0; i < params; i++) {
                theta[i] = random.nextDouble(-1, 1);
            }
            int at = 2;
            double[] result = new double[at + 1 + out.length + 1];
            Arrays.fill(result, Double.NaN);
            kernel.invoke(instance, x, theta, at, result);
            double[] expected = oracle.evaluate(new Bindings().coords(x).params(theta));
            for (int i = 0; i < out.length; i++) {
                assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(result[at + 1 + i]),
                        "output " + i + " at point " + point + ": " + result[at + 1 + i] + " vs " + expected[i]);
            }
            assertTrue(Double.isNaN(result[at]) && Double.isNaN(result[result.length - 1]),
                    "the kernel wrote outside its outputs");
        }
        return e;
    }
}
