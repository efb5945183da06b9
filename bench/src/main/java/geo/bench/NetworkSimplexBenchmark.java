package geo.bench;

import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.ExactResult;
import geo.runtime.transport.NetworkSimplex;
import geo.runtime.transport.OtStatus;
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
 * The exact network simplex on n × n costs uniform in [0, 1) with random weights, 10 % of them
 * zero ({@link OtInstances}; the instances {@code bench/python/emd_peer.py} gives POT's
 * {@code ot.emd} or SciPy's {@code linprog}), one thread, including the certificate.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NetworkSimplexBenchmark {

    @Param({"200", "500"})
    public int n;

    private CostMatrix costs;
    private double[] a;
    private double[] b;

    @Setup
    public void setup() {
        costs = OtInstances.uniformCosts(n);
        a = OtInstances.weights(n, 0);
        b = OtInstances.weights(n, 1);
        ExactResult r = NetworkSimplex.solve(costs, a, b);
        if (r.status() != OtStatus.OPTIMAL) {
            throw new IllegalStateException("network simplex not certified at n = " + n + ": " + r.status());
        }
    }

    @Benchmark
    public double solve() {
        return NetworkSimplex.solve(costs, a, b).cost();
    }
}
