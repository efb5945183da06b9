package geo.bench;

import geo.compiler.check.CheckedProgram;
import geo.compiler.derive.MetricGeometry;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.Lowering;
import geo.compiler.source.SourceFile;
import geo.runtime.api.AccelerationKernels;
import geo.runtime.load.Model;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One geodesic spray evaluation a(x, v): the compiled kernel, the same formula written by hand
 * in Java, and the compiler's DAG interpreter, on the sphere, the Poincaré ball and the 32-unit
 * network metric. Each invocation evaluates 64 different points (so nothing is constant-folded
 * or hoisted); results are summed into a sink.
 */
@State(Scope.Thread)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SprayBenchmark {

    static final String SPHERE = "manifold Sphere {\n coords theta, phi;\n metric g = diag([1, sin(theta)^2]);\n}\n";
    static final String POINCARE = "manifold PoincareBall {\n coords x[2] in ball(1);\n"
            + " metric g = (2 / (1 - dot(x, x)))^2 * eye(2);\n}\n";

    private static final int POINTS = 64;

    @Param({"sphere", "poincare", "network32"})
    public String model;

    private AccelerationKernels compiled;
    private Program interpreter;
    private Bindings bindings;
    private double[][] xs;
    private double[][] vs;
    private double[] theta;
    private final double[] a = new double[2];
    private final double[] work = new double[32];

    @Setup
    public void setup() {
        String src = switch (model) {
            case "sphere" -> SPHERE;
            case "poincare" -> POINCARE;
            default -> DeriveBenchmark.NETWORK;
        };
        SourceFile file = SourceFile.of(model + ".geo", src);
        Frontend.Result r = Frontend.check(file);
        CheckedProgram p = r.program();
        Model m = Compiler.compile(p, file).load().only();
        compiled = m.acceleration();
        theta = m.defaultParameters();
        NodeFactory f = new NodeFactory();
        LoweredModel lowered = Lowering.lowerModel(p, p.manifolds().get(0), f);
        interpreter = Program.compile(new MetricGeometry(f, lowered).spray().acceleration());
        bindings = new Bindings().params(theta);
        SplittableRandom random = new SplittableRandom(7);
        xs = new double[POINTS][];
        vs = new double[POINTS][];
        for (int i = 0; i < POINTS; i++) {
            xs[i] = model.equals("sphere") ? new double[] {0.3 + 2.5 * random.nextDouble(), random.nextDouble()}
                    : new double[] {0.6 * random.nextDouble() - 0.3, 0.6 * random.nextDouble() - 0.3};
            vs[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
        }
        double[] b = new double[2];
        for (int i = 0; i < POINTS; i++) {
            compiled.acceleration(0, xs[i], vs[i], theta, a);
            handWritten(xs[i], vs[i], b);
            for (int k = 0; k < 2; k++) {
                if (Math.abs(a[k] - b[k]) > 1e-9 * Math.max(1, Math.abs(a[k]))) {
                    throw new IllegalStateException(model + ": hand-written spray disagrees with the compiled one: "
                            + a[k] + " vs " + b[k]);
                }
            }
        }
    }

    private void handWritten(double[] x, double[] v, double[] out) {
        switch (model) {
            case "sphere" -> HandWritten.sphere(x, v, out);
            case "poincare" -> HandWritten.poincare(x, v, out);
            default -> HandWritten.network(x, v, theta, out, work);
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double compiled() {
        double sink = 0;
        for (int i = 0; i < POINTS; i++) {
            compiled.acceleration(0, xs[i], vs[i], theta, a);
            sink += a[0] + a[1];
        }
        return sink;
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double handWritten() {
        double sink = 0;
        for (int i = 0; i < POINTS; i++) {
            handWritten(xs[i], vs[i], a);
            sink += a[0] + a[1];
        }
        return sink;
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double interpreter() {
        double sink = 0;
        for (int i = 0; i < POINTS; i++) {
            double[] out = interpreter.evaluate(bindings.coords(xs[i]).velocities(vs[i]));
            sink += out[0] + out[1];
        }
        return sink;
    }
}
