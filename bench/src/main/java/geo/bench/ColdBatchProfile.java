package geo.bench;

import geo.runtime.bvp.BatchDistances;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.Minimality;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.lanes.LaneSupport;
import geo.runtime.load.Model;
import geo.runtime.manifold.compiled.ModelSpace;
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
 * uniform in the ball of radius {@code r} (default 1.5), the model's default θ. Run from the
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
        for (String file : files) {
            Model m = DistanceBatchProfile.compile(Path.of("examples").resolve(file));
            row(file, m, method, cold, pairs, rounds, radius);
        }
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
