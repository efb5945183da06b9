package geo.bench;

import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing and checking (with the sampled sanity checks) a file of 10,000 chained let lines, cold:
 * every fork is a fresh JVM and measures its first run only. Target: under 2 s.
 */
@State(Scope.Benchmark)
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FrontendBenchmark {

    private final String source = tenThousandLets();

    static String tenThousandLets() {
        StringBuilder src = new StringBuilder("manifold Big {\n  coords x[2];\n  let a0 = x;\n");
        for (int i = 1; i < 10_000; i++) {
            src.append("  let a").append(i).append(" = 0.5 * a").append(i - 1).append(" + sin(x) / ").append(i)
                    .append(";\n");
        }
        src.append("  metric g = (1 + dot(a9999, a9999)) * eye(2);\n}\n");
        return src.toString();
    }

    @Benchmark
    public boolean checkTenThousandLets() {
        return Frontend.check(SourceFile.of("big.geo", source)).ok();
    }
}
