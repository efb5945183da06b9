package geo.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.runtime.api.ModelDescriptor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * A kernel of over 20,000 nodes: every generated method stays under 8,000 bytes, the class
 * verifies, the result equals the interpreter's, and in a child JVM run with
 * {@code -XX:+PrintCompilation} every generated method is JIT-compiled and none is skipped.
 */
class LargeKernelTest {

    @TempDir
    Path dir;

    private static final int STEPS = 5_000;

    /** y₀ = x₀; y_{k+1} = sin(y_k)·θ_k + y_k·x₁ + cos(θ_k·y_k): four new nodes per step. */
    private static Node[] chain(NodeFactory f) {
        Node x0 = f.symbol(Symbol.coord(0));
        Node x1 = f.symbol(Symbol.coord(1));
        Node y = x0;
        for (int k = 0; k < STEPS; k++) {
            Node th = f.symbol(Symbol.param("theta[" + k + "]", k));
            y = f.add(f.mul(f.sin(y), th), f.mul(y, x1), f.cos(f.mul(th, y)));
        }
        return new Node[] {y};
    }

    @Test
    void largeKernelSplitsVerifiesAndJitCompiles() throws Exception {
        NodeFactory f = new NodeFactory();
        Node[] out = chain(f);
        int nodes = Dag.count(out);
        assertTrue(nodes > 20_000, "the kernel has " + nodes + " nodes");
        KernelSpec spec = new KernelSpec("kernel", List.of(KernelSpec.Arg.array("x"), KernelSpec.Arg.array("theta"),
                KernelSpec.Arg.array("out")),
                s -> s.kind() == Symbol.Kind.COORD ? new KernelSpec.Source(0, s.index())
                        : new KernelSpec.Source(1, s.index()),
                List.of(new KernelSpec.Output(2, out)), null, 1);
        ModelDescriptor descriptor = new ModelDescriptor("Big", "metric", 2, List.of("x0", "x1"), geo.runtime.api.Domain.NONE, List.of(), List.of(), List.of(),
                Set.of(), "none", "test");
        ClassEmitter.Emitted e = ClassEmitter.emit("geo/models/Big", "java/lang/Object", 0,
                List.of("geo/runtime/api/CompiledModel"), "big.geo", descriptor.toJson(), List.of(spec), java.util.Map.of());
        int segments = 0;
        for (MethodSize m : e.methods()) {
            assertTrue(m.bytes() < MethodEmitter.HUGE_METHOD_LIMIT, m.method() + " has " + m.bytes() + " bytes");
            if (m.method().startsWith("kernel$")) {
                segments++;
            }
        }
        assertTrue(segments > 10, "expected the kernel split into many methods, got " + segments);
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(e.bytes()), getClass().getClassLoader(), false,
                new PrintWriter(problems));
        assertEquals("", problems.toString());

        double[] theta = new double[STEPS];
        for (int i = 0; i < STEPS; i++) {
            theta[i] = 0.001 * (i % 7);
        }
        Class<?> type = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("geo.models.Big", e.bytes(), 0, e.bytes().length);
            }
        }.define();
        Object instance = type.getDeclaredConstructor().newInstance();
        Method kernel = type.getMethod("kernel", double[].class, double[].class, double[].class);
        double[] result = new double[1];
        kernel.invoke(instance, new double[] {0.3, 0.7}, theta, result);
        double expected = Program.compile(out).evaluate(new Bindings().coords(0.3, 0.7).params(theta))[0];
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(result[0]));

        Path classFile = dir.resolve("Big.class");
        Files.write(classFile, e.bytes());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCompilation", "-cp", System.getProperty("java.class.path"),
                JitProbe.class.getName(), classFile.toString(), "geo.models.Big", "3000", Integer.toString(STEPS)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the probe JVM did not finish");
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("PROBE-DONE"), log);
        Pattern compiled = Pattern.compile("geo\\.models\\.Big::(kernel\\$\\d+)");
        Set<String> seen = new java.util.HashSet<>();
        for (String line : log.split("\n")) {
            Matcher m = compiled.matcher(line);
            if (m.find()) {
                assertTrue(!line.contains("skipped") && !line.contains("too big") && !line.contains("not compilable"),
                        "a generated method was not compiled: " + line);
                seen.add(m.group(1));
            }
        }
        assertEquals(segments, seen.size(), "segments JIT-compiled: " + seen);
    }
}
