package geo.bench;

import geo.compiler.emit.ModelEmitter;
import geo.runtime.bvp.BatchDistances;
import geo.runtime.bvp.BatchShooting;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.Minimality;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.BatchExp;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.lanes.LaneSupport;
import geo.runtime.load.Model;
import geo.runtime.manifold.compiled.ModelSpace;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The cold solves of a learned metric's final evaluation (issue 17: every warm-started pair is
 * solved once more from the straight line): the training resolution and Newton settings
 * ({@code ModelSpace.Options.TRAINING}: RK4 × 16, Broyden updates, tolerance 1e-7) with the
 * conjugate-point check of a cold solve, pair by pair ({@link Distances}) against
 * {@link BatchDistances} (batched shooting, then the per-pair finish), one thread, thread CPU per
 * distance, min of {@code rounds} alternating rounds after a warm-up round. Pairs: both points
 * uniform in the ball of radius {@code r} (default 1.5), the model's default θ. The models are
 * compiled with their batch acceleration ({@link ModelEmitter#BATCH_ACCELERATION}: the network
 * metrics have no batch RK4 step), and a second table times exp alone, per point and batched. Run from the
 * repository root: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * geo.bench.ColdBatchProfile [pairs [rounds [radius [model.geo ...]]]]} (default 256 pairs, 2
 * rounds, graph-embedding/deep5.geo and deep10.geo).
 */
public final class ColdBatchProfile {

    private ColdBatchProfile() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        double radius = args.length > 2 ? Double.parseDouble(args[2]) : 1.5;
        String[] files = args.length > 3 ? java.util.Arrays.copyOfRange(args, 3, args.length)
                : new String[] {"graph-embedding/deep5.geo", "graph-embedding/deep10.geo"};
        System.out.printf(Locale.ROOT, "vector module: %s; %d pairs in the ball of radius %.2f, min of %d rounds, "
                + "thread CPU%n", LaneSupport.available(), pairs, radius, rounds);
        System.out.println("| model | d | per pair µs | batch µs | ratio | batch-converged | failed (pair / batch) "
                + "| max rel diff |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        Shooting.Options t = ModelSpace.Options.TRAINING.newton();
        Shooting.Options cold = new Shooting.Options(t.tolerance(), t.maxIterations(), t.maxHalvings(),
                t.jacobianUpdates(), Minimality.CONJUGATE_POINTS, t.jacobianSteps());
        GeodesicMethod method = ModelSpace.Options.TRAINING.method();
        // The network metrics have no batch RK4 step: their batch is the acceleration's, emitted only when asked.
        System.setProperty(ModelEmitter.BATCH_ACCELERATION, "true");
        Model[] models = new Model[files.length];
        for (int f = 0; f < files.length; f++) {
            models[f] = DistanceBatchProfile.compile(Path.of("examples").resolve(files[f]));
            row(files[f], models[f], method, cold, pairs, rounds, radius);
        }
        System.out.println();
        System.out.println("exp alone (RK4 x 16), 64 (1 + d) points, x in [-0.5, 0.5]^d, v in [-1, 1]^d, thread CPU, "
                + "min of 4 rounds of 3 passes after 2 warm-up rounds");
        System.out.println("| model | d | batched | per point µs | batch µs | ratio |");
        System.out.println("|---|---|---|---|---|---|");
        for (int f = 0; f < files.length; f++) {
            expRow(files[f], models[f], method);
        }
    }

    /** exp of the same points one at a time ({@link Geodesics#exp}) and as one batch ({@link BatchExp}). */
    private static void expRow(String file, Model m, GeodesicMethod method) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int d = m.dimension();
        int n = BatchShooting.WIDTH * (d + 1);
        Geodesics single = new Geodesics(m.acceleration(), method);
        BatchExp batch = new BatchExp(m.acceleration(), method);
        double[] theta = m.defaultParameters();
        SplittableRandom random = new SplittableRandom(1);
        double[] x = new double[d * n];
        double[] v = new double[d * n];
        double[] xe = new double[d * n];
        double[] ve = new double[d * n];
        for (int i = 0; i < d * n; i++) {
            x[i] = random.nextDouble() - 0.5;
            v[i] = 2 * (random.nextDouble() - 0.5);
        }
        double[] px = new double[d];
        double[] pv = new double[d];
        double bestSingle = Double.POSITIVE_INFINITY;
        double bestBatch = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 6; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int rep = 0; rep < 3; rep++) {
                for (int b = 0; b < n; b++) {
                    for (int i = 0; i < d; i++) {
                        px[i] = x[i * n + b];
                        pv[i] = v[i * n + b];
                    }
                    single.exp(px, pv, theta, px, pv);
                }
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (int rep = 0; rep < 3; rep++) {
                batch.exp(n, x, v, theta, xe, ve);
            }
            long t2 = mx.getCurrentThreadCpuTime();
            if (round >= 2) {
                bestSingle = Math.min(bestSingle, (t1 - t0) / (3e3 * n));
                bestBatch = Math.min(bestBatch, (t2 - t1) / (3e3 * n));
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %.1f | %.2f× |%n", file, d, batch.batched(), bestSingle,
                bestBatch, bestSingle / bestBatch);
    }

    private static void row(String file, Model m, GeodesicMethod method, Shooting.Options options, int n, int rounds,
                            double radius) {
        int d = m.dimension();
        SplittableRandom random = new SplittableRandom(1);
        double[][] xs = new double[n][];
        double[][] ys = new double[n][];
        for (int k = 0; k < n; k++) {
            xs[k] = DistanceBatchProfile.inBall(random, d, radius);
            ys[k] = DistanceBatchProfile.inBall(random, d, radius);
        }
        double[] theta = m.defaultParameters();
        Distances single = new Distances(m, method, options).checkAccuracy(false);
        BatchDistances batch = new BatchDistances(m.acceleration(),
                new Distances(m, method, options).checkAccuracy(false), method, options);
        DistanceBatchProfile.Rounds t = DistanceBatchProfile.rounds(single, batch, xs, ys, theta, rounds);
        double bestSingle = t.single();
        double bestBatch = t.batch();
        double[] a = t.a();
        double[] b = t.b();
        long converged = t.converged();
        double worst = 0;
        int failedA = 0;
        int failedB = 0;
        for (int k = 0; k < n; k++) {
            failedA += Double.isNaN(a[k]) ? 1 : 0;
            failedB += Double.isNaN(b[k]) ? 1 : 0;
            if (Double.isFinite(a[k]) && Double.isFinite(b[k])) {
                worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.max(1, Math.abs(a[k])));
            }
        }
        if (batch.shooting() != null) {
            java.util.Map<String, Integer> why = new java.util.TreeMap<>();
            double[] xsa = new double[n * d];
            double[] ysa = new double[n * d];
            double[] vsa = new double[n * d];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < d; i++) {
                    xsa[i * n + k] = xs[k][i];
                    ysa[i * n + k] = ys[k][i];
                }
            }
            for (LogResult l : batch.shooting().log(n, xsa, ysa, theta, vsa, false)) {
                why.merge(l.status() + " " + l.detail(), 1, Integer::sum);
            }
            System.out.println("batch outcomes: " + why);
        } else {
            System.out.println("not batched: the model has no batch step kernel");
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2f× | %d/%d | %d / %d | %.1e |%n", file, d,
                bestSingle, bestBatch, bestSingle / bestBatch, converged, n, failedA, failedB, worst);
    }
}
