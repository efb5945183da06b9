package geo.bench;

import geo.runtime.api.Tanh;
import geo.runtime.lanes.LaneLoops;
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
 * ns per element of the system's tanh ({@link Tanh}) against {@link Math#tanh} (fdlibm's C code on
 * JDK 17, not an intrinsic): the scalar function summed over an array (a loop C2 cannot vectorise:
 * the sum is a dependency chain, and the scalar form branches), and the array loops
 * ({@link Tanh#tanh(double[], double[], double[], double[], int, int)}, the batch lanes' form
 * without the Vector API) over 64 lanes (a batch) and over 4,096, which C2 vectorises; the
 * {@code LaneLoops.tanh} over rows of 64 lanes as the batch kernels call it, without and with
 * the Vector API; the {@code noSuperWord} fork runs the same loops with {@code -XX:-UseSuperWord} to show what the
 * vectorisation gives. Values uniform in (−range, range): 3 is a network's typical
 * pre-activations (about 80% take the large core), 0.5 only the small core.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TanhBenchmark {

    private static final int N = 4096;
    private static final int LANES = 64;

    @Param({"3", "0.5"})
    public double range;

    private final double[] x = new double[N];
    private final double[] y = new double[N];
    private final double[] c1 = new double[N];
    private final double[] c2 = new double[N];
    /** 64 rows of 64 lanes in, 64 out (interleaved), and the scratch row last. */
    private final double[][] lanes = new double[2 * N / LANES + 1][LANES];

    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < N; i++) {
            x[i] = random.nextDouble(-range, range);
            lanes[2 * (i / LANES)][i % LANES] = x[i];
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double scalarTanh() {
        double s = 0;
        for (int i = 0; i < N; i++) {
            s += Tanh.tanh(x[i]);
        }
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double scalarMathTanh() {
        double s = 0;
        for (int i = 0; i < N; i++) {
            s += Math.tanh(x[i]);
        }
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double[] loopMathTanh() {
        for (int i = 0; i < N; i++) {
            y[i] = Math.tanh(x[i]);
        }
        return y;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double[] loopTanh() {
        Tanh.tanh(x, y, c1, c2, 0, N);
        return y;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double[] loopTanhBatches() {
        for (int b = 0; b < N; b += LANES) {
            Tanh.tanh(x, y, c1, c2, b, b + LANES);
        }
        return y;
    }

    /** {@code LaneLoops.tanh} over 64-lane rows, as batch kernels call it (the plain loops: no vector module in this fork). */
    @Benchmark
    @OperationsPerInvocation(N)
    public double[][] lanesTanh() {
        for (int r = 0; r < N / LANES; r++) {
            LaneLoops.tanh(lanes, LANES, 2 * r + 1, 2 * r);
        }
        return lanes;
    }

    /** The same with the Vector API ({@code LaneVectors.tanh}: one pass in registers). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
    @OperationsPerInvocation(N)
    public double[][] lanesTanhVector() {
        if (!LaneLoops.vectorised()) {
            throw new IllegalStateException("the fork should load jdk.incubator.vector");
        }
        for (int r = 0; r < N / LANES; r++) {
            LaneLoops.tanh(lanes, LANES, 2 * r + 1, 2 * r);
        }
        return lanes;
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-XX:-UseSuperWord")
    @OperationsPerInvocation(N)
    public double[] loopTanhNoSuperWord() {
        Tanh.tanh(x, y, c1, c2, 0, N);
        return y;
    }
}
