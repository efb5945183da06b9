package geo.bench;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.bvp.Batch;
import geo.runtime.bvp.BatchDistances;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.lanes.LaneSupport;
import geo.runtime.load.Model;
import geo.runtime.transport.cost.CostMatrices;
import geo.runtime.transport.cost.PairCost;
import geo.runtime.transport.cost.SquaredGeodesicCost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Distances of many pairs, one thread, the per-pair solver ({@link Distances} from the straight
 * line, what {@code geo dist --pairs} did) against {@link BatchDistances} (logarithms by batched
 * shooting, each finished and certified by the per-pair solver), in thread CPU time: µs per
 * distance, the minimum of {@code rounds} alternating rounds over the same pairs after one
 * warm-up round of each, and the largest relative difference of the two paths' distances. Pairs:
 * both points uniform in the ball of radius 0.85. Run from the repository root with the vector
 * module: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * geo.bench.DistanceBatchProfile [pairs [rounds [model.geo ...]]]} (default 640 pairs, 3 rounds,
 * poincare.geo and poincare5.geo).
 */
public final class DistanceBatchProfile {

    private DistanceBatchProfile() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 640;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String[] files = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length)
                : new String[] {"poincare.geo", "poincare5.geo"};
        System.out.printf(Locale.ROOT, "vector module: %s; %d pairs, min of %d rounds, thread CPU%n",
                LaneSupport.available(), pairs, rounds);
        System.out.println("| model | d | method | per pair µs | batch µs | ratio | batch-converged | max rel diff |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String file : files) {
            Model m = compile(Path.of("examples").resolve(file));
            for (GeodesicMethod method : new GeodesicMethod[] {GeodesicMethod.rk4(100),
                    GeodesicMethod.dopri5(1e-12, 1e-12)}) {
                row(file, m, method, pairs, rounds);
            }
        }
        System.out.println();
        System.out.println("Cost matrix rows (CostMatrices.row, SquaredGeodesicCost.Options.DEFAULTS), " + COST_ROWS
                + " rows x " + COST_COLS + " targets, radius 0.6, thread CPU, min of " + rounds + " rounds");
        System.out.println("| model | entry by entry µs | batch rows µs | ratio | max rel diff |");
        System.out.println("|---|---|---|---|---|");
        for (String file : files) {
            costRows(file, compile(Path.of("examples").resolve(file)), rounds);
        }
    }

    static final int COST_ROWS = 10;
    static final int COST_COLS = 300;

    /** A block of a squared-geodesic cost matrix row by row on this thread, entry by entry and with batch rows. */
    private static void costRows(String file, Model m, int rounds) {
        int d = m.dimension();
        SplittableRandom random = new SplittableRandom(3);
        double[][] xs = new double[COST_ROWS][];
        double[][] ys = new double[COST_COLS][];
        for (int k = 0; k < COST_ROWS; k++) {
            xs[k] = inBall(random, d, 0.6);
        }
        for (int k = 0; k < COST_COLS; k++) {
            ys[k] = inBall(random, d, 0.6);
        }
        int[] order = CostMatrices.chain(ys);
        double[] theta = m.defaultParameters();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        PairCost entries = new SquaredGeodesicCost(m, SquaredGeodesicCost.Options.DEFAULTS.withBatchRows(false));
        PairCost rows = new SquaredGeodesicCost(m, SquaredGeodesicCost.Options.DEFAULTS.withBatchRows(true));
        double[] a = new double[COST_ROWS * COST_COLS];
        double[] b = new double[COST_ROWS * COST_COLS];
        double best0 = Double.MAX_VALUE;
        double best1 = Double.MAX_VALUE;
        for (int r = 0; r <= rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            fill(entries, xs, ys, order, theta, a);
            long t1 = mx.getCurrentThreadCpuTime();
            fill(rows, xs, ys, order, theta, b);
            long t2 = mx.getCurrentThreadCpuTime();
            if (r > 0) {
                best0 = Math.min(best0, (t1 - t0) / 1e3 / a.length);
                best1 = Math.min(best1, (t2 - t1) / 1e3 / a.length);
            }
        }
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.max(1, Math.abs(a[k])));
        }
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f× | %.1e |%n", file, best0, best1, best0 / best1, worst);
    }

    private static void fill(PairCost cost, double[][] xs, double[][] ys, int[] order, double[] theta, double[] out) {
        int m = ys.length;
        for (int i = 0; i < xs.length; i++) {
            int row = i;
            CostMatrices.row(cost, xs[i], ys, order, 0, m, theta, (j, r) -> {
                if (!r.ok()) {
                    throw new IllegalStateException("entry " + row + ", " + j + ": " + r.status() + " " + r.detail());
                }
                out[row * m + j] = r.value();
            });
        }
    }

    private static void row(String file, Model m, GeodesicMethod method, int n, int rounds) {
        int d = m.dimension();
        SplittableRandom random = new SplittableRandom(1);
        double[][] xs = new double[n][];
        double[][] ys = new double[n][];
        for (int k = 0; k < n; k++) {
            xs[k] = inBall(random, d, 0.85);
            ys[k] = inBall(random, d, 0.85);
        }
        double[] theta = m.defaultParameters();
        Distances single = new Distances(m, method, Shooting.Options.DEFAULT);
        BatchDistances batch = new BatchDistances(m, method, Shooting.Options.DEFAULT);
        Rounds t = rounds(single, batch, xs, ys, theta, rounds);
        double bestSingle = t.single();
        double bestBatch = t.batch();
        double[] a = t.a();
        double[] b = t.b();
        long converged = t.converged();
        double worst = 0;
        for (int k = 0; k < n; k++) {
            if (Double.isFinite(a[k]) || Double.isFinite(b[k])) {
                worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.max(1, Math.abs(a[k])));
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %.1f | %.2f× | %d/%d | %.1e |%n", file, d, method,
                bestSingle, bestBatch, bestSingle / bestBatch, converged, n, worst);
    }

    /** Best-of-rounds thread CPU µs per distance, pair by pair and batched, and the last round's results. */
    record Rounds(double single, double batch, long converged, double[] a, double[] b) {
    }

    /**
     * {@code rounds} + 1 rounds (the first a warm-up, not timed) of the same pairs through {@code single}
     * one pair at a time and through {@code batch}; the minimum thread CPU time of each per distance.
     */
    static Rounds rounds(Distances single, BatchDistances batch, double[][] xs, double[][] ys, double[] theta,
                         int rounds) {
        int n = xs.length;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double bestSingle = Double.MAX_VALUE;
        double bestBatch = Double.MAX_VALUE;
        double[] a = new double[n];
        double[] b = new double[n];
        LogResult[] logs = new LogResult[n];
        long converged = 0;
        for (int r = 0; r <= rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            Batch.Result s = Batch.distances(() -> single, xs, ys, theta, 1);
            long t1 = mx.getCurrentThreadCpuTime();
            long c0 = batch.batchConverged();
            batch.distances(xs, ys, theta, 0, n, b, logs, k -> { });
            long t2 = mx.getCurrentThreadCpuTime();
            converged = batch.batchConverged() - c0;
            System.arraycopy(s.distances(), 0, a, 0, n);
            if (r > 0) {
                bestSingle = Math.min(bestSingle, (t1 - t0) / 1e3 / n);
                bestBatch = Math.min(bestBatch, (t2 - t1) / 1e3 / n);
            }
        }
        return new Rounds(bestSingle, bestBatch, converged, a, b);
    }

    /** A point uniform in the ball of radius r in Rᵈ (rejection from the cube). */
    static double[] inBall(SplittableRandom random, int d, double r) {
        double[] p = new double[d];
        double n2;
        do {
            n2 = 0;
            for (int i = 0; i < d; i++) {
                p[i] = r * (2 * random.nextDouble() - 1);
                n2 += p[i] * p[i];
            }
        } while (n2 >= r * r);
        return p;
    }

    /** The one model of a .geo file, compiled. */
    static Model compile(Path path) {
        try {
            Frontend.Result r = Frontend.checkFile(path);
            if (!r.ok()) {
                throw new IllegalStateException(r.diagnostics().render());
            }
            return Compiler.compile(r.program(), SourceFile.read(path)).load().only();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
