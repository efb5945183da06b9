package geo.bench;

import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.PointCost;
import geo.runtime.transport.Sinkhorn;
import geo.runtime.transport.SinkhornOptions;
import geo.runtime.transport.SinkhornResult;
import java.util.Arrays;
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
 * Log-domain Sinkhorn, the same problem as {@code bench/python/sinkhorn_peer.py}: n = m points in
 * the unit square from SplitMix64 (seed 1 for the sources, 2 for the targets), uniform weights,
 * C_ij = |x_i − y_j|², ε = 10⁻² max C, no ε-scaling, f = g = 0 at the start and 20 iterations
 * (the tolerance 10⁻³⁰⁰ is never met, so the over-relaxation, which starts after 30 plain
 * iterations, never does), then the plan π and ⟨π, C⟩. The solver makes one f-update more than
 * the peer (41 half-iterations against 40: the last one gives the marginal error). Setup prints
 * ⟨π, C⟩, f₀ and g₀ to compare with the peer's output. {@code source = matrix} solves on the stored
 * cost matrix; {@code source = points} on the two clouds with the cost computed on the fly (the same
 * bits; the peer, like a NumPy user, stores the matrix).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SinkhornBenchmark {

    /** Iterations per solve, as in the peer. */
    static final int ITERATIONS = 20;

    @Param({"1000", "2000"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    @Param({"matrix", "points"})
    public String source;

    private double[][] x;
    private double[][] y;

    private CostMatrix cost;
    private double[] weights;
    private SinkhornOptions options;

    @Setup
    public void setup() {
        x = points(1, n);
        y = points(2, n);
        cost = PointCost.SQUARED_EUCLIDEAN.matrix(x, y);
        weights = new double[n];
        Arrays.fill(weights, 1.0 / n);
        options = SinkhornOptions.DEFAULTS.withScalingFactor(1).withTolerance(1e-300).withMaxIterations(ITERATIONS)
                .withThreads(threads);
        SinkhornResult r = solve();
        System.out.printf("%nsource=%s n=%d threads=%d status=%s <pi,C>=%.15e f0=%.15e g0=%.15e%n", source, n, threads,
                r.status(),
                r.transportCost(), r.f()[0], r.g()[0]);
    }

    @Benchmark
    public SinkhornResult solve() {
        return source.equals("points")
                ? Sinkhorn.solve(x, y, PointCost.SQUARED_EUCLIDEAN, weights, weights, options)
                : Sinkhorn.solve(cost, weights, weights, options);
    }

    /** n points in [0, 1)² from SplitMix64 (Steele, Lea &amp; Flood 2014), coordinates in order. */
    static double[][] points(long seed, int n) {
        long state = seed;
        double[][] p = new double[n][2];
        for (double[] q : p) {
            for (int d = 0; d < 2; d++) {
                state += 0x9E3779B97F4A7C15L;
                long z = state;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z ^= z >>> 31;
                q[d] = (z >>> 11) * 0x1.0p-53;
            }
        }
        return p;
    }
}
