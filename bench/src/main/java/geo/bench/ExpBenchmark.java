package geo.bench;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.geodesic.BatchExp;
import geo.runtime.geodesic.ExpTape;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * exp on the compiled Poincaré ball (d = 2), RK4 with 100 steps, one thread, over the same 64
 * start points as {@code bench/c/poincare_exp.c}; and the reverse-mode gradient of exp (forward
 * pass recording the tape, then one adjoint pass giving x̄, v̄, θ̄), whose cost the target puts
 * at no more than 4× exp; and exp of all 64 points at once ({@link BatchExp}: one vectorised
 * {@code rk4StepBatch} call per RK4 step for the whole batch, structure-of-arrays layout), whose
 * peer is {@code bench/c/poincare_exp_batch.c}. The forks get {@code --add-modules
 * jdk.incubator.vector}, which the batch kernels' vector loops need.
 */
@State(Scope.Thread)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExpBenchmark {

    private static final int POINTS = 64;

    private Geodesics geodesics;
    private ExpTape tape;
    private double[] theta;
    private double[][] xs;
    private double[][] vs;
    private final double[] xEnd = new double[2];
    private final double[] vEnd = new double[2];
    private final double[] bar = {1, 1};
    private final double[] xBar = new double[2];
    private final double[] vBar = new double[2];
    private BatchExp batch;
    private final double[] xSoa = new double[2 * POINTS];
    private final double[] vSoa = new double[2 * POINTS];
    private final double[] xEndSoa = new double[2 * POINTS];
    private final double[] vEndSoa = new double[2 * POINTS];

    @Setup
    public void setup() {
        SourceFile file = SourceFile.of("poincare.geo", SprayBenchmark.POINCARE);
        Model m = Compiler.compile(Frontend.check(file).program(), file).load().only();
        geodesics = new Geodesics(m.acceleration(), GeodesicMethod.rk4(100));
        tape = geodesics.newTape();
        theta = m.defaultParameters();
        SplittableRandom random = new SplittableRandom(7);
        xs = new double[POINTS][];
        vs = new double[POINTS][];
        for (int i = 0; i < POINTS; i++) {
            xs[i] = new double[] {0.6 * random.nextDouble() - 0.3, 0.6 * random.nextDouble() - 0.3};
            vs[i] = new double[] {0.6 * random.nextDouble() - 0.3, 0.6 * random.nextDouble() - 0.3};
            for (int k = 0; k < 2; k++) {
                xSoa[k * POINTS + i] = xs[i][k];
                vSoa[k * POINTS + i] = vs[i][k];
            }
        }
        batch = new BatchExp(m.acceleration(), GeodesicMethod.rk4(100));
        if (!batch.batched()) {
            throw new IllegalStateException("the Poincaré ball should have a batch step kernel");
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double expBatch() {
        BatchExp.Result r = batch.exp(POINTS, xSoa, vSoa, theta, xEndSoa, vEndSoa);
        if (!r.ok()) {
            throw new IllegalStateException(r.failures().toString());
        }
        return xEndSoa[0] + xEndSoa[POINTS];
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double exp() {
        double sink = 0;
        for (int i = 0; i < POINTS; i++) {
            geodesics.exp(xs[i], vs[i], theta, xEnd, vEnd);
            sink += xEnd[0] + xEnd[1];
        }
        return sink;
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double expGradient() {
        double sink = 0;
        for (int i = 0; i < POINTS; i++) {
            geodesics.forward(xs[i], vs[i], theta, tape);
            tape.backward(bar, null, xBar, vBar, null);
            sink += xBar[0] + vBar[1];
        }
        return sink;
    }
}
