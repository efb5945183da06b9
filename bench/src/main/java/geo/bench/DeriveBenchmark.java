package geo.bench;

import geo.compiler.check.CheckedProgram;
import geo.compiler.derive.Kernels;
import geo.compiler.derive.MetricGeometry;
import geo.compiler.derive.Spray;
import geo.compiler.driver.Frontend;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.Lowering;
import geo.compiler.source.SourceFile;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Front end plus derivation of everything the solvers need (spray, its JVP and VJP) for the 2-D
 * 32-unit network metric and a dense 6-D metric. Single-shot times (cold: a fresh JVM per fork,
 * first iteration) and steady-state averages; the target is under 1 s each, cold.
 */
@State(Scope.Benchmark)
@Fork(3)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DeriveBenchmark {

    /** The DeepMetric example: d = 2, a 32-unit tanh layer. */
    static final String NETWORK = "manifold Deep {\n coords x[2];\n"
            + " param W1[32, 2] ~ normal(0, 0.3);\n param b1[32] = 0;\n"
            + " param W2[3, 32] ~ normal(0, 0.3);\n param b2[3] = zeros;\n"
            + " let h = tanh(W1 * x + b1);\n let l = W2 * h + b2;\n"
            + " let L = [[exp(l[0]), 0], [l[1], exp(l[2])]];\n metric g = L * L' + 1e-3 * eye(2);\n}\n";

    /** A dense 6×6 metric B(x) B(x)' + I. */
    static final String DENSE6 = "manifold Dense6 {\n coords x[6];\n param C[6, 6] ~ normal(0, 0.5);\n"
            + " let B = C * diag(sin(x)) + diag(cos(x));\n metric g = B * B' + eye(6);\n}\n";

    @Param({"network32", "dense6"})
    public String model;

    private String source;

    @Setup
    public void setup() {
        source = model.equals("network32") ? NETWORK : DENSE6;
    }

    /** Parse, check (with sanity sampling), lower, derive the spray and its JVP and VJP kernels. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SingleShotTime})
    public Node[] checkLowerDerive() {
        Frontend.Result r = Frontend.check(SourceFile.of(model + ".geo", source));
        CheckedProgram p = r.program();
        NodeFactory f = new NodeFactory();
        LoweredModel m = Lowering.lowerModel(p, p.manifolds().get(0), f);
        Spray s = new MetricGeometry(f, m).spray();
        Kernels k = new Kernels(f, m);
        return s.explicit() ? k.accelerationVjp(s) : k.implicitVjp(s);
    }
}
