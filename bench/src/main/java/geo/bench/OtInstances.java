package geo.bench;

import geo.runtime.transport.Assignment;
import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.ExactResult;
import geo.runtime.transport.NetworkSimplex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The transport benchmark instances, generated from fixed seeds so that the JMH benchmarks and
 * the Python peers ({@code bench/python/}) solve exactly the same problems. {@code main(dir)}
 * writes each instance as raw little-endian float64 files ({@code assignment-N.f64}: the n × n
 * costs row-major; {@code emd-N.f64}: the costs, then a, then b) and Geo's optimal cost and status
 * beside it ({@code *.geo.txt}), which the peers compare with their own. It also prints the
 * wall and thread CPU time of Geo's solves (after {@value #WARMUP} warm-up solves, mean of
 * {@value #REPEATS}), to compare with the peers' CPU times on a shared machine where wall time
 * includes waiting for a core.
 */
public final class OtInstances {

    /** Sizes of the assignment benchmark. */
    static final int[] ASSIGNMENT_SIZES = {500, 1000, 2000};
    /** Sizes of the network simplex benchmark (200 for the linprog peer, 500 for POT). */
    static final int[] EMD_SIZES = {200, 500};

    private static final int WARMUP = 10;
    private static final int REPEATS = 5;

    private OtInstances() {
    }

    /** n × n costs uniform in [0, 1), seed 20261206 + n. */
    static CostMatrix uniformCosts(int n) {
        SplittableRandom random = new SplittableRandom(20261206L + n);
        double[] c = new double[n * n];
        for (int k = 0; k < c.length; k++) {
            c[k] = random.nextDouble();
        }
        return new CostMatrix(n, n, c);
    }

    /** Weights uniform in [0, 1), each zero with probability 0.1, normalised to mass 1; seed by n and side. */
    static double[] weights(int n, int side) {
        SplittableRandom random = new SplittableRandom(7_000_000L + 10L * n + side);
        double[] w = new double[n];
        double s = 0;
        for (int k = 0; k < n; k++) {
            w[k] = random.nextDouble() < 0.1 ? 0 : random.nextDouble();
            s += w[k];
        }
        for (int k = 0; k < n; k++) {
            w[k] /= s;
        }
        return w;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/target/ot");
        Files.createDirectories(dir);
        for (int n : ASSIGNMENT_SIZES) {
            CostMatrix c = uniformCosts(n);
            write(dir.resolve("assignment-" + n + ".f64"), c.values());
            ExactResult r = Assignment.solve(c);
            time("assignment n = " + n, () -> Assignment.solve(c));
            // The total Σ C[i][σ(i)], as linear_sum_assignment reports it.
            Files.writeString(dir.resolve("assignment-" + n + ".geo.txt"),
                    String.format(Locale.ROOT, "%s %.17g%n", r.status(), r.cost() * n));
        }
        for (int n : EMD_SIZES) {
            CostMatrix c = uniformCosts(n);
            double[] a = weights(n, 0);
            double[] b = weights(n, 1);
            double[] all = new double[n * n + 2 * n];
            System.arraycopy(c.values(), 0, all, 0, n * n);
            System.arraycopy(a, 0, all, n * n, n);
            System.arraycopy(b, 0, all, n * n + n, n);
            write(dir.resolve("emd-" + n + ".f64"), all);
            ExactResult r = NetworkSimplex.solve(c, a, b);
            time("network simplex n = " + n + " (" + r.iterations() + " pivots)", () -> NetworkSimplex.solve(c, a, b));
            Files.writeString(dir.resolve("emd-" + n + ".geo.txt"), String.format(Locale.ROOT, "%s %.17g%n", r.status(), r.cost()));
        }
        System.out.println("wrote the transport instances to " + dir);
    }

    private static void time(String what, java.util.function.Supplier<ExactResult> solve) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int k = 0; k < WARMUP; k++) {
            solve.get();
        }
        long wall = 0;
        long cpu = 0;
        for (int k = 0; k < REPEATS; k++) {
            long w0 = System.nanoTime();
            long c0 = bean.getCurrentThreadCpuTime();
            solve.get();
            cpu += bean.getCurrentThreadCpuTime() - c0;
            wall += System.nanoTime() - w0;
        }
        System.out.printf(Locale.ROOT, "%s: wall %.1f ms, CPU time %.1f ms (mean of %d after %d warm-up solves)%n", what,
                wall / 1e6 / REPEATS, cpu / 1e6 / REPEATS, REPEATS, WARMUP);
    }

    private static void write(Path file, double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        try {
            Files.write(file, buffer.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
