package geo.runtime.learn.embed;

import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.RefinableSpace;
import geo.runtime.manifold.WarmStartedSpace;
import geo.runtime.parallel.WorkerPool;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * The distances a training run reports, for the final positions and θ, computed so that a large
 * graph (bio-diseasome: 132,870 pairs) costs about one solve per pair, not several:
 * <ol>
 *   <li>Every pair at the training resolution, from its warm start where it has one; the pairs
 *       that had one are solved once more afresh ({@link WarmStartedSpace#withoutWarmStarts()})
 *       and the shorter geodesic is kept: a warm start follows a pair's geodesic through
 *       training, which after large changes need not be the shortest.</li>
 *   <li>For a discretised solver ({@link RefinableSpace}), the mesh is settled on a sample: a seeded
 *       random sample of {@value #SAMPLE} pairs plus the {@value #EXTREMES} pairs with the largest
 *       and the {@value #EXTREMES} with the smallest ratio d_M/d_G (the candidates for the
 *       worst case). The sample is solved on meshes 2, 4, 8 times the training one until the
 *       estimated error of the coarser of two successive meshes, {@link #RICHARDSON} times their
 *       largest relative difference per pair (RK4's error is O(h⁴)), is at most
 *       {@link Evaluation#TOLERANCE}; that mesh is the reported one.</li>
 *   <li>One full pass on that mesh (when it is not the training mesh), warm-started from the
 *       training solutions, with the pairs whose fresh solve was shorter solved afresh again.</li>
 *   <li>Pairs that failed are solved again cold on the next finer mesh (the space itself doubles
 *       once more when that fails); those that still fail are the reported failed pairs.</li>
 *   <li>The check: the pairs that decide the worst case among the final distances are solved on
 *       the next finer mesh; their largest estimated error is reported, and the result counts as
 *       settled only when it too is within the tolerance.</li>
 * </ol>
 * Closed-form spaces are evaluated once (exact to rounding). Every solve is on the worker threads;
 * which thread solves a pair does not change its result.
 */
final class FinalDistances {

    /** Pairs of the seeded random sample the mesh is settled on (all pairs when there are fewer). */
    static final int SAMPLE = 500;

    /** Pairs with the largest, and as many with the smallest, ratio d_M/d_G added to the sample and checked. */
    static final int EXTREMES = 10;

    /** The finest mesh tried: 2³ = 8 times the training resolution. */
    static final int MAX_REFINEMENTS = 3;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /**
     * The error of RK4 on a mesh of n steps, e_n ≈ C n⁻⁴, is 2⁴/(2⁴ − 1) = 16/15 times the change
     * e_n − e_{2n} to the mesh of 2n steps (Richardson): the factor from a measured change to the
     * estimated error of the coarser mesh.
     */
    static final double RICHARDSON = 16.0 / 15.0;

    /** Pairs per unit of work of the worker threads. */
    private static final int CHUNK = 16;

    private final ShortestPaths target;
    private final double[] positions;
    private final double[] theta;
    private final int dim;
    private final int threads;
    private final long seed;
    private final int[] first;
    private final int[] second;
    /** CPU nanoseconds of the worker threads inside {@link #solve}. */
    private final LongAdder cpuNanos = new LongAdder();

    /**
     * @param positions n·dim node coordinates (read)
     * @param theta     the space's parameters (read)
     * @param seed      seeds the sample of pairs
     * @param threads   worker threads
     */
    FinalDistances(ShortestPaths target, int dim, double[] positions, double[] theta, long seed, int threads) {
        this.target = target;
        this.dim = dim;
        this.positions = positions;
        this.theta = theta;
        this.seed = seed;
        this.threads = threads;
        int n = target.nodeCount();
        first = new int[target.pairCount()];
        second = new int[target.pairCount()];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int k = target.pairIndex(i, j);
                first[k] = i;
                second[k] = j;
            }
        }
    }

    /** The distances and how they were computed. */
    record Result(double[] distances, Evaluation evaluation) {
    }

    /**
     * The final distances of every pair in {@code space} (the training instance, with the run's warm
     * starts, which this leaves in place).
     */
    Result evaluate(EmbeddingSpace space) {
        long start = System.nanoTime();
        int pairs = target.pairCount();
        int[] all = IntStream.range(0, pairs).toArray();
        WarmStartedSpace warm = space instanceof WarmStartedSpace w ? w : null;
        int[] hadWarm = warm == null ? new int[0] : IntStream.range(0, pairs).filter(warm::hasWarmStart).toArray();
        double[] distances = solve(space, all);
        int[] shorter = keepShorter(warm, hadWarm, distances);
        if (!(space instanceof RefinableSpace refinable)) {
            return new Result(distances, new Evaluation("", "", 0, true, 0, 0, 0, shorter.length, 0, 0,
                    seconds(start), cpuNanos.sum() * 1e-9));
        }
        // settle the mesh on the sample
        int[] sample = sample(distances);
        double[] coarse = pick(distances, sample);
        int level = 0;
        double change = Double.NaN;
        RefinableSpace reported = refinable;
        for (int l = 1; l <= MAX_REFINEMENTS; l++) {
            RefinableSpace finer = refinable.refined(l);
            double[] fine = solveKeepingFresh(finer, sample, shorter);
            change = RICHARDSON * largestChange(coarse, fine);
            if (change <= Evaluation.TOLERANCE || l == MAX_REFINEMENTS) {
                level = change <= Evaluation.TOLERANCE ? l - 1 : l;
                reported = level == 0 ? refinable : level == l ? finer : refinable.refined(level);
                break;
            }
            coarse = fine;
        }
        boolean sampleSettled = change <= Evaluation.TOLERANCE;
        double[] d = level > 0 ? solveKeepingFresh(reported, all, shorter) : distances;
        // retry the failures cold on the next finer mesh
        int[] failed = IntStream.range(0, pairs).filter(k -> Double.isNaN(d[k])).toArray();
        int recovered = 0;
        if (failed.length > 0) {
            RefinableSpace retry = refinable.refined(level + 1);
            double[] again = solve(retry instanceof WarmStartedSpace w ? w.withoutWarmStarts() : retry, failed);
            for (int i = 0; i < failed.length; i++) {
                if (!Double.isNaN(again[i])) {
                    d[failed[i]] = again[i];
                    recovered++;
                }
            }
        }
        // the check: the pairs that decide the worst case, on the next finer mesh
        int[] extremes = extremes(d);
        double check = RICHARDSON * largestChange(pick(d, extremes),
                solveKeepingFresh(refinable.refined(level + 1), extremes, shorter));
        boolean settled = sampleSettled && check <= Evaluation.TOLERANCE;
        return new Result(d, new Evaluation(refinable.resolution(), reported.resolution(), level, settled,
                sample.length, change, check, shorter.length,
                failed.length, recovered, seconds(start), cpuNanos.sum() * 1e-9));
    }

    /**
     * Solves the pairs in {@code hadWarm} afresh and keeps, per pair, the shorter of that and
     * {@code distances} (a failed one loses); returns the pairs whose fresh solve found another
     * geodesic: one shorter by more than {@link Evaluation#TOLERANCE} (relative), or the only one.
     */
    private int[] keepShorter(WarmStartedSpace warm, int[] hadWarm, double[] distances) {
        if (warm == null || hadWarm.length == 0) {
            return new int[0];
        }
        double[] fresh = solve(warm.withoutWarmStarts(), hadWarm);
        int[] kept = new int[hadWarm.length];
        int n = 0;
        for (int i = 0; i < hadWarm.length; i++) {
            int k = hadWarm[i];
            if (Double.isNaN(fresh[i])) {
                continue;
            }
            // a fresh solve that meets the warm one within the tolerance found the same geodesic
            if (Double.isNaN(distances[k]) || fresh[i] < distances[k] * (1 - Evaluation.TOLERANCE)) {
                kept[n++] = k;
            }
            if (Double.isNaN(distances[k]) || fresh[i] < distances[k]) {
                distances[k] = fresh[i];
            }
        }
        return Arrays.copyOf(kept, n);
    }

    /**
     * The pairs {@code which} in {@code space} from its warm starts, and those of them in
     * {@code fresh} (sorted) once more afresh, keeping the shorter: the geodesic the training mesh chose.
     */
    private double[] solveKeepingFresh(RefinableSpace space, int[] which, int[] fresh) {
        double[] out = solve(space, which);
        int[] again = Arrays.stream(which).filter(k -> Arrays.binarySearch(fresh, k) >= 0).toArray();
        if (again.length == 0 || !(space instanceof WarmStartedSpace w)) {
            return out;
        }
        double[] f = solve(w.withoutWarmStarts(), again);
        for (int i = 0, j = 0; i < which.length && j < again.length; i++) {
            if (which[i] == again[j]) {
                if (!Double.isNaN(f[j]) && (Double.isNaN(out[i]) || f[j] < out[i])) {
                    out[i] = f[j];
                }
                j++;
            }
        }
        return out;
    }

    /**
     * The seeded sample (sorted, distinct): {@value #SAMPLE} pairs drawn without replacement
     * (every pair when there are no more than that) and the {@link #extremes} of {@code distances}.
     */
    int[] sample(double[] distances) {
        int pairs = distances.length;
        int[] order = IntStream.range(0, pairs).toArray();
        int m = Math.min(SAMPLE, pairs);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(pairs - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return IntStream.concat(Arrays.stream(order, 0, m), Arrays.stream(extremes(distances))).distinct().sorted()
                .toArray();
    }

    /**
     * The (sorted, distinct) pairs with the {@value #EXTREMES} largest and the {@value #EXTREMES}
     * smallest ratios d_M/d_G among those computed: the pairs that decide the worst-case distortion.
     */
    int[] extremes(double[] distances) {
        Integer[] computed = IntStream.range(0, distances.length).filter(k -> !Double.isNaN(distances[k])).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(computed, (a, b) -> Double.compare(distances[a] / target.distanceOfPair(a),
                distances[b] / target.distanceOfPair(b)));
        int e = Math.min(EXTREMES, computed.length);
        return IntStream.concat(Arrays.stream(computed, 0, e).mapToInt(Integer::intValue),
                Arrays.stream(computed, computed.length - e, computed.length).mapToInt(Integer::intValue))
                .distinct().sorted().toArray();
    }

    /**
     * max |fine − coarse| / |fine| over the pairs computed at both meshes (NaN when there are none).
     * A pair that failed at one of them is left out here: failures are retried on a finer mesh
     * after the full pass and counted, not mixed into the discretisation error.
     */
    static double largestChange(double[] coarse, double[] fine) {
        double max = Double.NaN;
        for (int i = 0; i < coarse.length; i++) {
            if (Double.isNaN(coarse[i]) || Double.isNaN(fine[i])) {
                continue;
            }
            double c = fine[i] == coarse[i] ? 0 : Math.abs(fine[i] - coarse[i]) / Math.abs(fine[i]);
            max = Double.isNaN(max) ? c : Math.max(max, c);
        }
        return max;
    }

    private static double[] pick(double[] values, int[] which) {
        double[] out = new double[which.length];
        for (int i = 0; i < which.length; i++) {
            out[i] = values[which[i]];
        }
        return out;
    }

    /** d_M of the pairs {@code which} (in that order) in {@code space}, on the worker threads. */
    private double[] solve(EmbeddingSpace space, int[] which) {
        double[] out = new double[which.length];
        if (which.length == 0) {
            return out;
        }
        try (WorkerPool<Worker> pool = new WorkerPool<>(threads, w -> new Worker(w == 0 ? space : space.forThread(),
                dim), "final distances")) {
            pool.run((which.length + CHUNK - 1) / CHUNK, (w, c) -> {
                long cpu = CPU.getCurrentThreadCpuTime();
                int end = Math.min(which.length, (c + 1) * CHUNK);
                for (int i = c * CHUNK; i < end; i++) {
                    int k = which[i];
                    System.arraycopy(positions, first[k] * dim, w.x, 0, dim);
                    System.arraycopy(positions, second[k] * dim, w.y, 0, dim);
                    out[i] = w.space.distance(k, w.x, w.y, theta);
                }
                cpuNanos.add(CPU.getCurrentThreadCpuTime() - cpu);
            });
        }
        return out;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }

    /** One worker's space instance and scratch points. */
    private static final class Worker {
        final EmbeddingSpace space;
        final double[] x;
        final double[] y;

        Worker(EmbeddingSpace space, int dim) {
            this.space = space;
            this.x = new double[dim];
            this.y = new double[dim];
        }
    }
}
