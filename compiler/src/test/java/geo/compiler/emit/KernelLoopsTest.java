package geo.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;
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
 * Kernels with the shapes of a dense layer and its gradient compile to loops ({@code dot$},
 * {@code scale$}) instead of straight-line code, and still agree with the interpreter bit for
 * bit: a run of products inside a sum (after a bias, at the start of a sum, with θ read by row
 * and by column, with both factors array elements), runs of outputs c·hₖ and c·xₖ written
 * through an offset, and a sum whose products are all −0 (which must stay −0: the loop may not
 * start from +0). Unrolled, these kernels are tens of kilobytes of code.
 */
class KernelLoopsTest {

    /** Coordinates x, the inputs of the layer. */
    private static final int X = 40;
    /** Units of the layer. */
    private static final int H = 48;

    @Test
    void aDenseLayerAndItsGradientAreLoopsThatAgreeBitForBit() throws Exception {
        NodeFactory f = new NodeFactory();
        Node[] h = new Node[H];
        for (int j = 0; j < H; j++) {
            h[j] = f.sin(f.add(f.coord(j % X), f.constant(0.1 * j)));
        }
        List<Node> out = new ArrayList<>();
        Node[] a = new Node[H];
        for (int i = 0; i < H; i++) {
            // a_i = b_i + Σ_j W_ij h_j, with W row-major at θ[0..H²) and b at θ[H²..H²+H)
            Node[] terms = new Node[H + 1];
            terms[0] = f.param("theta", H * H + i);
            for (int j = 0; j < H; j++) {
                terms[j + 1] = f.ordered(Op.MUL, f.param("theta", H * i + j), h[j]);
            }
            a[i] = f.tanh(f.ordered(Op.ADD, terms));
            out.add(a[i]);
        }
        Node c = f.cos(f.coord(1));
        for (int j = 0; j < H; j++) {
            // Σ_i W_ij a_i: θ by column (stride H), the run the whole sum
            Node[] terms = new Node[H];
            for (int i = 0; i < H; i++) {
                terms[i] = f.ordered(Op.MUL, a[i], f.param("theta", H * i + j));
            }
            out.add(f.ordered(Op.ADD, terms));
        }
        for (int i = 0; i < H; i++) {
            // z_i = Σ_j V_ij a_j + c with V row-major at θ[H² + H..): a dot group by rows
            Node[] terms = new Node[H + 1];
            for (int j = 0; j < H; j++) {
                terms[j] = f.ordered(Op.MUL, f.param("theta", H * H + H + H * i + j), a[j]);
            }
            terms[H] = c;
            out.add(f.ordered(Op.ADD, terms));
        }
        for (int j = 0; j < H; j++) {
            out.add(f.ordered(Op.MUL, c, h[j]));           // one row c·hᵀ
        }
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < H; j++) {
                out.add(f.ordered(Op.MUL, a[i], h[j]));    // an outer product a hᵀ, 20 rows
            }
        }
        for (int k = 0; k < X; k++) {
            out.add(f.ordered(Op.MUL, f.coord(k), a[3]));  // a[3]·x: the vector is an argument
        }
        Node[] xs = new Node[X];
        for (int k = 0; k < X; k++) {
            xs[k] = f.ordered(Op.MUL, f.param("theta", 2 * k), f.coord(k));
        }
        out.add(f.ordered(Op.ADD, xs));                    // θ·x with θ at stride 2
        ClassEmitter.Emitted e = check(out.toArray(Node[]::new), 2 * H * H + H);
        int code = e.methods().stream().mapToInt(MethodSize::bytes).sum();
        Map<String, Integer> calls = calls(e.bytes());
        // W·h after a bias: one dot per row; Wᵀa: a group by columns; V·a: a group by rows; c·hᵀ and
        // a hᵀ (rows 3H, 4H, …, the same vector h): one group; a₃·x: a run; θ·x: a dot.
        assertEquals(Map.of(LoopCode.DOT, H + 1, LoopCode.MVT, 1, LoopCode.MV, 1, LoopCode.SCALE, 1,
                LoopCode.OUTER, 1), calls);
        // Straight-line, the 3·48² + 20·48 + 48 + 40 + 40 products alone take more than 7 bytes each.
        assertTrue(code < 12_000, "expected loops, got " + code + " bytes of code: " + e.methods());
    }

    /** A sum whose every product is −0 is −0; a loop starting from +0 would give +0. */
    @Test
    void aSumOfNegativeZerosStaysNegativeZero() throws Exception {
        NodeFactory f = new NodeFactory();
        Node[] terms = new Node[X];
        for (int k = 0; k < X; k++) {
            terms[k] = f.ordered(Op.MUL, f.param("theta", k), f.sin(f.coord(k)));
        }
        Node sum = f.ordered(Op.ADD, terms);
        double[] x = new double[X];
        Arrays.fill(x, -1);
        double[] result = run(check(new Node[] {sum}, X), x, new double[X], 1);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(result[0]), "sum " + result[0]);
    }

    private static final String NAME = "geo.models.Loops";

    /** How often the class calls each loop helper. */
    private static Map<String, Integer> calls(byte[] bytes) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        new ClassReader(bytes).accept(new org.objectweb.asm.ClassVisitor(org.objectweb.asm.Opcodes.ASM9) {
            @Override
            public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String descriptor,
                                                               String signature, String[] exceptions) {
                return new org.objectweb.asm.MethodVisitor(org.objectweb.asm.Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String d, boolean itf) {
                        if (owner.equals(NAME.replace('.', '/')) && method.endsWith("$")) {
                            out.merge(method, 1, Integer::sum);
                        }
                    }
                };
            }
        }, 0);
        return out;
    }

    /**
     * Compiles {@code out} as a kernel (x, theta, an offset into the output array) → out, verifies
     * the class, and compares with the interpreter at random points.
     */
    private ClassEmitter.Emitted check(Node[] out, int params) throws Exception {
        KernelSpec spec = new KernelSpec("kernel", List.of(KernelSpec.Arg.array("x"), KernelSpec.Arg.array("theta"),
                KernelSpec.Arg.offset("at"), KernelSpec.Arg.array("out")),
                s -> s.kind() == Symbol.Kind.COORD ? new KernelSpec.Source(0, s.index())
                        : new KernelSpec.Source(1, s.index()),
                List.of(new KernelSpec.Output(3, out, 2, 1)), null, 1);
        ModelDescriptor descriptor = new ModelDescriptor("Loops", "metric", X, names(), Domain.NONE,
                List.of(), List.of(), List.of(), Set.of(), "none", "test");
        ClassEmitter.Emitted e = ClassEmitter.emit(NAME.replace('.', '/'), "java/lang/Object", 0,
                List.of("geo/runtime/api/CompiledModel"), "loops.geo", descriptor.toJson(), List.of(spec), Map.of());
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(e.bytes()), getClass().getClassLoader(), false,
                new PrintWriter(problems));
        assertEquals("", problems.toString());
        Program oracle = Program.compile(out);
        SplittableRandom random = new SplittableRandom(17);
        for (int point = 0; point < 3; point++) {
            double[] x = new double[X];
            double[] theta = new double[params];
            for (int i = 0; i < X; i++) {
                x[i] = random.nextDouble(-1, 1);
            }
            for (int i = 0; i < params; i++) {
                theta[i] = random.nextDouble(-1, 1);
            }
            double[] result = run(e, x, theta, out.length);
            double[] expected = oracle.evaluate(new Bindings().coords(x).params(theta));
            for (int i = 0; i < out.length; i++) {
                assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(result[i]),
                        "output " + i + " at point " + point + ": " + result[i] + " vs " + expected[i]);
            }
        }
        return e;
    }

    /** Runs the kernel writing at offset 2 + 1 of a NaN-filled array; checks nothing else was written. */
    private double[] run(ClassEmitter.Emitted e, double[] x, double[] theta, int outputs) throws Exception {
        Class<?> type = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(NAME, e.bytes(), 0, e.bytes().length);
            }
        }.define();
        Object instance = type.getDeclaredConstructor().newInstance();
        Method kernel = type.getMethod("kernel", double[].class, double[].class, int.class, double[].class);
        int at = 2;
        double[] result = new double[at + 1 + outputs + 1];
        Arrays.fill(result, Double.NaN);
        kernel.invoke(instance, x, theta, at, result);
        assertTrue(Double.isNaN(result[at]) && Double.isNaN(result[result.length - 1]),
                "the kernel wrote outside its outputs");
        return Arrays.copyOfRange(result, at + 1, at + 1 + outputs);
    }

    private static List<String> names() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < X; k++) {
            out.add("x" + k);
        }
        return out;
    }
}
