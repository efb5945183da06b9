package geo.bench;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.LossKernels;
import geo.runtime.data.table.DataSet;
import geo.runtime.learn.Execution;
import geo.runtime.learn.Stopping;
import geo.runtime.learn.fit.FitOptions;
import geo.runtime.learn.fit.FitResult;
import geo.runtime.learn.fit.Fitter;
import geo.runtime.learn.fit.Optimisation;
import geo.runtime.load.Model;
import java.util.Optional;
import java.util.SplittableRandom;
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
 * One {@code geo fit} epoch: mini-batch Adam on the 2 → 64 → 64 → 1 tanh network (4,417
 * parameters) over 10⁵ rows of y = sin(3x₀)·cos(2x₁), x ~ U(−1, 1)² — shuffle, per-row loss
 * gradients summed in fixed-order chunks on the worker threads, one Adam step per batch. The
 * peer is the same epoch in vectorised NumPy ({@code bench/python/fit_epoch_peer.py}: same
 * network, batch, initial scales, Adam constants). Each measured call runs {@link Fitter#fit}
 * for one epoch from the same θ₀ (its set-up — the worker pool, kernel copies — included).
 * {@link FitEpochProfile} splits the time of an epoch into its parts. The fork loads
 * {@code jdk.incubator.vector}, as {@code ./geo fit} does (the batch kernel's Vector API loops).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FitEpochBenchmark {

    /** The network of issue #15's regression test (cli FitCommandTest.NETWORK). */
    static final String NETWORK = """
            param W1[64, 2] ~ normal(0, 2);
            param b1[64] ~ uniform(-1, 1);
            param W2[64, 64] ~ normal(0, 0.125);
            param b2[64] = zeros;
            param w3[64] ~ normal(0, 0.125);
            param b3 = 0;
            def net(x[2]) = dot(w3, tanh(W2 * tanh(W1 * x + b1) + b2)) + b3;
            loss mse(x[2], y) = (net(x) - y)^2;
            """;

    static final int ROWS = 100_000;

    @Param({"64", "256"})
    int batch;

    @Param({"1", "2"})
    int threads;

    private LossKernels loss;
    private double[] theta;
    private DataSet data;
    private FitOptions options;

    @Setup
    public void setup() {
        SourceFile file = SourceFile.of("net.geo", NETWORK);
        Model m = Compiler.compile(Frontend.check(file).program(), file).load().only();
        loss = m.loss();
        theta = m.defaultParameters();
        SplittableRandom random = new SplittableRandom(1);
        double[] values = new double[ROWS * 3];
        int[] lines = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            double x0 = random.nextDouble(-1, 1);
            double x1 = random.nextDouble(-1, 1);
            values[3 * r] = x0;
            values[3 * r + 1] = x1;
            values[3 * r + 2] = Math.sin(3 * x0) * Math.cos(2 * x1);
            lines[r] = r + 2;
        }
        data = new DataSet("bench", 3, values, lines);
        options = FitOptions.DEFAULTS.with(Optimisation.DEFAULTS.withBatchSize(batch))
                .with(Stopping.DEFAULTS.withMaxEpochs(1)).with(new Execution(0, threads));
    }

    @Benchmark
    public double epoch() {
        FitResult r = new Fitter(loss, options).fit(data, Optional.empty(), theta);
        return r.epochs().get(0).train();
    }
}
