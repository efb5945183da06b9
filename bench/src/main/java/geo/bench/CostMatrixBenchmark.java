package geo.bench;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.bvp.Minimality;
import geo.runtime.load.Model;
import geo.runtime.transport.cost.CostMatrices;
import geo.runtime.transport.cost.CostResult;
import geo.runtime.transport.cost.SquaredGeodesicCost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 * A block of a 1,000 × 1,000 squared-geodesic cost matrix ({@link SquaredGeodesicCost} with its
 * defaults: RK4 with 64 steps, Newton with Broyden updates warm-started along each row,
 * conjugate points checked — or, with TRUST_WARM_STARTS, only for entries whose warm start failed —,
 * the error estimate by step doubling) on all cores: {@code rows}
 * sources × 1,000 targets; time per entry = the time of one operation / (rows · 1,000). Models:
 * the Poincaré ball (points uniform in the disc of radius 0.6) and the 32-unit network metric of
 * {@code examples/graph-embedding/deep2.geo} at its default θ (points uniform in [−1, 1]²). Run
 * from the repository root (the models are read from {@code examples/}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CostMatrixBenchmark {

    private static final int COLS = 1000;

    @Param({"poincare.geo", "graph-embedding/deep2.geo"})
    public String model;

    @Param({"100"})
    public int rows;

    @Param({"2"})
    public int threads;

    /** CONJUGATE_POINTS (the default) or TRUST_WARM_STARTS (no check of entries solved from their warm start). */
    @Param({"CONJUGATE_POINTS", "TRUST_WARM_STARTS"})
    public String minimality;

    private SquaredGeodesicCost cost;
    private double[][] xs;
    private double[][] ys;
    private double[] theta;

    @Setup
    public void setup() {
        Path path = Path.of(System.getProperty("geo.examples.dir", "examples")).resolve(model);
        Model m;
        try {
            Frontend.Result r = Frontend.checkFile(path);
            if (!r.ok()) {
                throw new IllegalStateException(r.diagnostics().render());
            }
            m = Compiler.compile(r.program(), SourceFile.read(path)).load().only();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cost = new SquaredGeodesicCost(m, SquaredGeodesicCost.Options.DEFAULTS
                .withMinimality(Minimality.valueOf(minimality)));
        theta = m.defaultParameters();
        boolean ball = model.startsWith("poincare");
        SplittableRandom random = new SplittableRandom(1000);
        xs = points(random, rows, ball);
        ys = points(random, COLS, ball);
    }

    private static double[][] points(SplittableRandom random, int n, boolean ball) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            if (ball) {
                double r = 0.6 * Math.sqrt(random.nextDouble());
                double a = 2 * Math.PI * random.nextDouble();
                p[i] = new double[] {r * Math.cos(a), r * Math.sin(a)};
            } else {
                p[i] = new double[] {2 * random.nextDouble() - 1, 2 * random.nextDouble() - 1};
            }
        }
        return p;
    }

    @Benchmark
    public double block() {
        CostResult r = CostMatrices.build(cost, xs, ys, theta, threads);
        if (r instanceof CostResult.Failed f) {
            throw new IllegalStateException(f.summary());
        }
        return ((CostResult.Built) r).matrix().values()[0];
    }
}
