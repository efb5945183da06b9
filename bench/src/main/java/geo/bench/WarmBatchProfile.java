package geo.bench;

import geo.compiler.emit.ModelEmitter;
import geo.runtime.lanes.LaneSupport;
import geo.runtime.load.Model;
import geo.runtime.manifold.compiled.ModelSpace;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The embedding trainer's warm epochs with and without batched logarithms
 * ({@link ModelSpace#prepare}: a chunk's warm logarithms solved together, then each pair finished
 * per pair): {@code pairs} pairs (both points uniform in the ball of radius 0.8, θ the default
 * bent by 0.3·N(0, 1)), one cold epoch to fill the warm starts, then epochs in which every point
 * and θ move a little (0.01·N(0, 1) and 0.002·N(0, 1)), as an optimiser step moves them; each
 * epoch's pairs in chunks of 32 ({@code PairEvaluator.CHUNK}; {@code -Dchunk=N} for others), distances with gradients
 * ({@code ModelSpace.Options.TRAINING}), one thread, thread CPU per pair of an epoch, the minimum
 * over the epochs after {@code warmup} of them, the two paths alternating epoch by epoch on two
 * spaces that see the same points. Also the per-pair shots of each path. Run from the repository
 * root: {@code java [--add-modules jdk.incubator.vector] -cp bench/target/benchmarks.jar
 * geo.bench.WarmBatchProfile [pairs [epochs [warmup [model.geo ...]]]]} (default 780 pairs, 12
 * epochs, 4 warm-up, graph-embedding/deep2.geo and deep5.geo).
 */
public final class WarmBatchProfile {

    /** Pairs announced at once: {@code -Dchunk=N} (default 32, {@code PairEvaluator.CHUNK}). */
    private static final int CHUNK = Integer.getInteger("chunk", 32);

    private WarmBatchProfile() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 780;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        String[] files = args.length > 3 ? java.util.Arrays.copyOfRange(args, 3, args.length)
                : new String[] {"graph-embedding/deep2.geo", "graph-embedding/deep5.geo"};
        System.out.printf(Locale.ROOT, "vector module: %s; %d pairs, chunks of %d, %d warm epochs (min after %d), "
                + "thread CPU%n", LaneSupport.available(), pairs, CHUNK, epochs, warmup);
        System.out.println("| model | d | per pair µs | batched µs | ratio | batched pairs / epoch | shots a pair "
                + "(per pair / batched: per-pair finish + batch) | max rel diff |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.setProperty(ModelEmitter.BATCH_ACCELERATION, "true");
        for (String file : files) {
            row(file, DistanceBatchProfile.compile(Path.of("examples").resolve(file)), pairs, epochs, warmup);
        }
    }

    private static void row(String file, Model m, int n, int epochs, int warmup) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int d = m.dimension();
        int p = m.descriptor().parameterCount();
        SplittableRandom random = new SplittableRandom(3);
        double[] theta = m.defaultParameters();
        for (int q = 0; q < p; q++) {
            theta[q] += 0.3 * random.nextGaussian();
        }
        double[] x = new double[n * d];
        double[] y = new double[n * d];
        for (int k = 0; k < n; k++) {
            System.arraycopy(DistanceBatchProfile.inBall(random, d, 0.8), 0, x, k * d, d);
            System.arraycopy(DistanceBatchProfile.inBall(random, d, 0.8), 0, y, k * d, d);
        }
        ModelSpace single = new ModelSpace(m, ModelSpace.Options.TRAINING);
        ModelSpace batched = new ModelSpace(m, ModelSpace.Options.TRAINING);
        double[] a = new double[n];
        double[] b = new double[n];
        epoch(single, n, x, y, theta, false, a);
        epoch(batched, n, x, y, theta, true, b);
        double bestSingle = Double.POSITIVE_INFINITY;
        double bestBatch = Double.POSITIVE_INFINITY;
        double worst = 0;
        long shotsSingle = 0;
        long shotsBatch = 0;
        long batchedPairs = 0;
        long batchPoints = 0;
        long batchCalls = 0;
        int counted = 0;
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < n * d; i++) {
                x[i] += 0.01 * random.nextGaussian();
                y[i] += 0.01 * random.nextGaussian();
            }
            for (int q = 0; q < p; q++) {
                theta[q] += 0.002 * random.nextGaussian();
            }
            long s0 = single.shots();
            long b0 = batched.shots();
            long p0 = batched.batchedPairs();
            long[] q0 = batched.batchShots();
            long t0 = mx.getCurrentThreadCpuTime();
            epoch(single, n, x, y, theta, false, a);
            long t1 = mx.getCurrentThreadCpuTime();
            epoch(batched, n, x, y, theta, true, b);
            long t2 = mx.getCurrentThreadCpuTime();
            if (e >= warmup) {
                bestSingle = Math.min(bestSingle, (t1 - t0) / 1e3 / n);
                bestBatch = Math.min(bestBatch, (t2 - t1) / 1e3 / n);
                shotsSingle += single.shots() - s0;
                shotsBatch += batched.shots() - b0;
                batchedPairs += batched.batchedPairs() - p0;
                long[] q1 = batched.batchShots();
                batchPoints += q1[0] - q0[0];
                batchCalls += q1[1] - q0[1];
                counted++;
            }
            for (int k = 0; k < n; k++) {
                if (Double.isFinite(a[k]) && Double.isFinite(b[k])) {
                    worst = Math.max(worst, Math.abs(a[k] - b[k]) / a[k]);
                } else if (Double.isNaN(a[k]) != Double.isNaN(b[k])) {
                    worst = Double.POSITIVE_INFINITY;
                }
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2f× | %.0f / %d | %.2f / %.2f + %.2f batched "
                + "(%.1f points a call) | %.1e |%n", file, d, bestSingle, bestBatch, bestSingle / bestBatch,
                (double) batchedPairs / counted, n, (double) shotsSingle / counted / n, (double) shotsBatch / counted / n,
                (double) batchPoints / counted / n, (double) batchPoints / Math.max(1, batchCalls), worst);
    }

    private static void epoch(ModelSpace space, int n, double[] x, double[] y, double[] theta, boolean prepare,
                              double[] out) {
        int d = space.dimension();
        int p = space.parameterCount();
        double[] gx = new double[d];
        double[] gy = new double[d];
        double[] gTheta = new double[p];
        double[] xk = new double[d];
        double[] yk = new double[d];
        int[] pairs = new int[CHUNK];
        double[] cx = new double[CHUNK * d];
        double[] cy = new double[CHUNK * d];
        for (int c = 0; c < n; c += CHUNK) {
            int count = Math.min(CHUNK, n - c);
            if (prepare) {
                for (int j = 0; j < count; j++) {
                    pairs[j] = c + j;
                }
                System.arraycopy(x, c * d, cx, 0, count * d);
                System.arraycopy(y, c * d, cy, 0, count * d);
                space.prepare(count, pairs, cx, cy, theta);
            }
            for (int k = c; k < c + count; k++) {
                System.arraycopy(x, k * d, xk, 0, d);
                System.arraycopy(y, k * d, yk, 0, d);
                out[k] = space.distance(k, xk, yk, theta, gx, gy, gTheta).valueOr(Double.NaN);
            }
        }
    }
}
