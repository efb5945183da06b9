package geo.bench;

import geo.runtime.api.LossKernels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loss and θ-gradient per example of the 2→64→64→1 tanh regression network (issue 15): the
 * compiled {@code LossKernels.lossGradient} of {@code mlp.geo} against the same forward and
 * backward pass written by hand ({@link MlpHandWritten}), over the same 64 examples and θ. The
 * setup refuses to time kernels that disagree by more than 1e-12 relative. Target: compiled ≥ 0.8×
 * the hand-written speed.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NetworkLossBenchmark {

    private static final int EXAMPLES = 64;

    private LossKernels compiled;
    private final MlpHandWritten hand = new MlpHandWritten();
    private double[] theta;
    private double[][] examples;
    private final double[] gIn = new double[3];
    private final double[] gTheta = new double[MlpHandWritten.P];

    @Setup
    public void setup() {
        MlpLoss.Compiled c = MlpLoss.compile();
        compiled = c.kernels();
        theta = c.model().defaultParameters();
        examples = MlpLoss.examples(EXAMPLES, 11);
        double worst = MlpLoss.maxRelativeDifference(compiled, hand, theta, examples);
        if (!(worst <= 1e-12)) {
            throw new IllegalStateException("compiled and hand-written gradients differ by " + worst + " relative");
        }
    }

    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public double compiled() {
        double sink = 0;
        for (double[] in : examples) {
            sink += compiled.lossGradient(in, theta, gIn, gTheta);
        }
        return sink + gTheta[0];
    }

    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public double handWritten() {
        double sink = 0;
        for (double[] in : examples) {
            sink += hand.lossGradient(in, theta, gIn, gTheta);
        }
        return sink + gTheta[0];
    }
}
