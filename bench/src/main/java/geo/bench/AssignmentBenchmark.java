package geo.bench;

import geo.runtime.transport.Assignment;
import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.ExactResult;
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
 * The exact assignment solver on n × n costs uniform in [0, 1) ({@link OtInstances#uniformCosts},
 * the matrices {@code bench/python/assignment_peer.py} gives SciPy's {@code linear_sum_assignment}),
 * cold start, one thread, including the O(n²) certificate check.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AssignmentBenchmark {

    @Param({"500", "1000", "2000"})
    public int n;

    private CostMatrix costs;

    @Setup
    public void setup() {
        costs = OtInstances.uniformCosts(n);
        ExactResult r = Assignment.solve(costs);
        if (r.status() != OtStatus.OPTIMAL) {
            throw new IllegalStateException("assignment not certified at n = " + n + ": " + r.status());
        }
    }

    @Benchmark
    public double solve() {
        return Assignment.solve(costs).cost();
    }
}
