package geo.runtime.learn.embed;

import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.RefinableSpace;
import geo.runtime.manifold.WarmStartedSpace;
import geo.runtime.parallel.WorkerPool;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * The distances a training run reports, for the final positions and θ, computed so that a large
 * graph (bio-diseasome: 132,870 pairs) costs about one solve per pair, and only as accurate as the
 * printed metrics need ({@link PrintedDigits}: each metric's estimated change at most a tenth of a
 * unit in its last printed decimal):
 * <ol>
 *   <li>Every pair at the training resolution, from its warm start where it has one; the pairs
 *       that had one are solved once more afresh ({@link WarmStartedSpace#withEmptyWarmStarts()})
 *       and the shorter geodesic is kept: a warm start follows a pair's geodesic through
 *       training, which after large changes need not be the shortest. The solves without a warm
 *       start from training (the fresh ones, and every pair of a run that sampled its pairs) are
 *       chained ({@link SourceChains}): each starts from the fresh logarithm of the same base
 *       point to the nearest target solved before it, checked for conjugate points
 *       ({@link WarmStartedSpace#distanceFrom}), and from the straight line when that fails — a
 *       long, bent geodesic costs a cold solve several Newton iterations and exact Jacobians, a
 *       chained one about a warm solve's few shots.</li>
 *   <li>For a discretised solver ({@link RefinableSpace}), the errors are estimated on a sample: a
 *       seeded random sample of {@value #SAMPLE} pairs plus the {@value #EXTREMES} pairs with the
 *       largest and the {@value #EXTREMES} with the smallest ratio d_M/d_G. The sample is solved on
 *       meshes 2, 4, 8 times the training one; a pair's estimated error on a mesh is
 *       {@link #RICHARDSON} times its relative change to the next finer mesh (RK4's error is
 *       O(h⁴)). The full-pass mesh is the coarsest whose estimated bound on the change of the
 *       average distortion ({@link PrintedDigits#averageBound}) is within its tolerance: that
 *       metric is a mean, so it depends on the mean error, not on the largest.</li>
 *   <li>One full pass on that mesh when it is not the training mesh (warm-started from the
 *       training solutions, with the pairs whose fresh solve was shorter solved afresh again); the
 *       sampled pairs keep the sample's values on that mesh, which are the same solves.</li>
 *   <li>Pairs that failed are solved again cold on the next finer mesh (the space itself doubles
 *       once more when that fails), and those that still fail once more on that mesh from a
 *       path-based first guess ({@link RefinableSpace#distanceFromPath}: the initial velocity of
 *       the discrete path of least energy, then shooting with the conjugate-point check); those
 *       that still fail are the reported failed pairs.</li>
 *   <li>The pairs the worst case and the MAP can depend on, given an error bound of
 *       {@link #SAFETY} times the sample's largest for every pair, are solved on the next finer
 *       meshes, each with its own estimated error from the change, until the worst case's bound is
 *       within its tolerance and no order the MAP depends on is undecided (or the finest mesh,
 *       {@value #MAX_REFINEMENTS} doublings, is reached: then the result is not settled).</li>
 * </ol>
 * Closed-form spaces are evaluated once (exact to rounding). Every solve is on the worker threads;
 * which thread solves a pair does not change its result.
 */
final class FinalDistances {

    /** Pairs of the seeded random sample the errors are estimated on (all pairs when there are fewer). */
    static final int SAMPLE = 500;

    /** Pairs with the largest, and as many with the smallest, ratio d_M/d_G added to the sample. */
    static final int EXTREMES = 10;

    /** The finest mesh tried: 2³ = 8 times the training resolution. */
    static final int MAX_REFINEMENTS = 3;

    /**
     * The factor from the sample's largest estimated error to the error bound assumed for a pair
     * outside the sample, which decides which pairs can change the worst case or the MAP: a pair
     * wrongly left out is one whose error exceeds the sample's largest by this much.
     */
    static final double SAFETY = 4;

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
    private final EvaluationListener listener;
    /** CPU nanoseconds of the worker threads inside {@link #solve}. */
    private final LongAdder cpuNanos = new LongAdder();

    /**
     * @param positions n·dim node coordinates (read)
     * @param theta     the space's parameters (read)
     * @param seed      seeds the sample of pairs
     * @param threads   worker threads
     */
    FinalDistances(ShortestPaths target, int dim, double[] positions, double[] theta, long seed, int threads) {
        this(target, dim, positions, theta, seed, threads, null);
    }

    /** @param listener told of every stage and solved pair, or null */
    FinalDistances(ShortestPaths target, int dim, double[] positions, double[] theta, long seed, int threads,
                   EvaluationListener listener) {
        this.target = target;
        this.dim = dim;
        this.positions = positions;
        this.theta = theta;
        this.seed = seed;
        this.threads = threads;
        this.listener = listener;
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

    /** The distances (the failed pairs with their last failure) and how they were computed. */
    record Result(PairValues distances, Evaluation evaluation) {
    }

    /** {@link #evaluate(EmbeddingSpace, double)} with the scale 1. */
    Result evaluate(EmbeddingSpace space) {
        return evaluate(space, 1);
    }

    /**
     * The final distances of every pair in {@code space} (the training instance, with the run's warm
     * starts, which this leaves in place).
     *
     * @param scale the run's scale s, which weighs the errors in the average distortion's bound
     */
    Result evaluate(EmbeddingSpace space, double scale) {
        long start = System.nanoTime();
        int pairs = target.pairCount();
        int[] all = IntStream.range(0, pairs).toArray();
        WarmStartedSpace warm = space instanceof WarmStartedSpace w ? w : null;
        int[] hadWarm = warm == null ? new int[0] : IntStream.range(0, pairs).filter(warm::hasWarmStart).toArray();
        stage("pairs on the training mesh", pairs);
        PairValues distances = new PairValues(pairs);
        int[] unwarmed = warm == null ? all : IntStream.range(0, pairs).filter(k -> !warm.hasWarmStart(k)).toArray();
        distances.scatter(hadWarm, solve(space, hadWarm));
        distances.scatter(unwarmed, solveChained(space, unwarmed));
        int[] shorter = keepShorter(warm, hadWarm, distances);
        if (!(space instanceof RefinableSpace refinable)) {
            return new Result(distances, new Evaluation("", "", 0, true, 0, 0, 0, 0, 0, "", 0, shorter.length, 0, 0, 0,
                    seconds(start), cpuNanos.sum() * 1e-9));
        }
        // the full pass's mesh: the coarsest on which the average distortion's estimated change is small enough
        int[] sample = sample(distances);
        PairValues coarse = distances.pick(sample);
        int level = MAX_REFINEMENTS;
        // empty while no sampled pair has an estimate (every one failed on a mesh)
        OptionalDouble sampleError = OptionalDouble.empty();
        OptionalDouble averageBound = OptionalDouble.empty();
        // the sample's distances on each mesh (index: level), which the full pass and the refinement reuse
        PairValues[] known = new PairValues[MAX_REFINEMENTS + 1];
        known[0] = coarse;
        for (int l = 0; l < MAX_REFINEMENTS; l++) {
            RefinableSpace finer = refinable.refined(l + 1);
            PairValues fine = solveKeepingFresh(finer, sample, shorter, "sample on");
            known[l + 1] = fine;
            PairValues errors = errors(coarse, fine);
            sampleError = largest(errors);
            averageBound = PrintedDigits.averageBound(target, sample, coarse, errors, scale);
            if (within(averageBound)) {
                level = l;
                break;
            }
            coarse = fine;
        }
        // when no mesh met it, the finest: its error is below the estimate of the one before
        boolean averageSettled = within(averageBound);
        RefinableSpace reported = level == 0 ? refinable : refinable.refined(level);
        PairValues d = level > 0 ? solveKeepingFresh(reported, all, new Known(sample, known[level]), shorter,
                "pairs on") : distances;
        // retry the failures cold on the next finer mesh
        int[] failed = IntStream.range(0, pairs).filter(d::isFailed).toArray();
        int recovered = 0;
        int fromPath = 0;
        if (failed.length > 0) {
            RefinableSpace retry = refinable.refined(level + 1);
            stage("failed pairs again on " + retry.resolution(), failed.length);
            PairValues again = solve(retry instanceof WarmStartedSpace w ? w.withoutWarmStarts() : retry, failed);
            for (int i = 0; i < failed.length; i++) {
                if (!again.isFailed(i)) {
                    d.copy(failed[i], again, i);
                    recovered++;
                }
            }
            // those that still fail: from the path of least energy's initial velocity, checked for conjugate points
            int[] still = Arrays.stream(failed).filter(d::isFailed).toArray();
            if (still.length > 0) {
                stage("failed pairs from a path-energy guess on " + retry.resolution(), still.length);
                RefinableSpace cold = retry instanceof WarmStartedSpace w && w.withoutWarmStarts() instanceof RefinableSpace c
                        ? c : retry;
                PairValues path = solve(cold, still,
                        (sp, k, x, y) -> ((RefinableSpace) sp).distanceFromPath(k, x, y, theta));
                for (int i = 0; i < still.length; i++) {
                    if (!path.isFailed(i)) {
                        d.copy(still[i], path, i);
                        recovered++;
                        fromPath++;
                    }
                }
            }
        }
        // without an estimate from the sample, the pairs outside the refined ones are given no error
        Refinement r = refine(refinable, level, d, sampleError.isPresent() ? SAFETY * sampleError.getAsDouble() : 0,
                shorter, sample, known);
        boolean settled = averageSettled && r.worstCaseBound <= PrintedDigits.WORST_CASE_TOLERANCE
                && r.undecided == 0;
        // no estimate is no bound: +∞ in the report, which no tolerance meets
        return new Result(d, new Evaluation(refinable.resolution(), reported.resolution(), level, settled,
                sample.length, sampleError.orElse(Double.POSITIVE_INFINITY),
                averageBound.orElse(Double.POSITIVE_INFINITY), r.worstCaseBound, r.pairs, r.mesh, r.undecided,
                shorter.length, failed.length, recovered, fromPath, seconds(start), cpuNanos.sum() * 1e-9));
    }

    /** Whether an estimated bound on the average distortion's change exists and is within its tolerance. */
    private static boolean within(OptionalDouble averageBound) {
        return averageBound.isPresent() && averageBound.getAsDouble() <= PrintedDigits.AVERAGE_TOLERANCE;
    }

    /** What {@link #refine} did: the bounds it reached, the pairs it solved, its finest mesh. */
    private record Refinement(double worstCaseBound, long undecided, int pairs, String mesh) {
    }

    /**
     * Solves the pairs that can change the worst case or the MAP on meshes finer than {@code level}
     * until they cannot (see the class comment), replacing their distances in {@code d} by the
     * finest values. With no pair computed there is nothing to refine and no bound (+∞) on the worst case.
     *
     * @param band   the relative error bound (≥ 0) of a pair not solved here
     * @param sample the sampled pairs (sorted)
     * @param known  the sample's distances per level (null where it was not solved on that mesh)
     */
    private Refinement refine(RefinableSpace refinable, int level, PairValues d, double band, int[] shorter,
                              int[] sample, PairValues[] known) {
        int pairs = d.size();
        double[] errors = new double[pairs];
        Arrays.fill(errors, band);
        EmbeddingMetrics metrics = EmbeddingMetrics.of(target, d, 1);
        if (!metrics.hasDistortions()) {
            return new Refinement(Double.POSITIVE_INFINITY, 0, 0, "");
        }
        double worst = metrics.worstCaseDistortion();
        int[] worstPairs = PrintedDigits.worstCaseCandidates(target, d, errors);
        boolean[] involved = new boolean[pairs];
        long undecided = PrintedDigits.undecidedOrders(target, d, errors, involved);
        double worstBound = PrintedDigits.worstCaseBound(worst, largest(errors, worstPairs));
        boolean[] solved = new boolean[pairs];
        String mesh = "";
        for (int l = level + 1; l <= MAX_REFINEMENTS + 1
                && (worstBound > PrintedDigits.WORST_CASE_TOLERANCE || undecided > 0); l++) {
            // the pairs still undecided, and the worst case's candidates while its bound is too large
            if (worstBound > PrintedDigits.WORST_CASE_TOLERANCE) {
                for (int k : worstPairs) {
                    involved[k] = true;
                }
            }
            int[] which = IntStream.range(0, pairs).filter(k -> involved[k]).toArray();
            RefinableSpace finer = refinable.refined(l);
            PairValues fine = solveKeepingFresh(finer, which, new Known(sample, l < known.length ? known[l] : null),
                    shorter, "pairs the worst case or the MAP depend on, on");
            mesh = finer.resolution();
            for (int i = 0; i < which.length; i++) {
                int k = which[i];
                if (!fine.isFailed(i) && !d.isFailed(k)) {
                    // the estimate for the coarser value bounds the finer one's error (about 16 times smaller)
                    errors[k] = error(d.value(k), fine.value(i));
                    d.copy(k, fine, i);
                    solved[k] = true;
                }
            }
            worst = EmbeddingMetrics.of(target, d, 1).worstCaseDistortion();
            worstBound = PrintedDigits.worstCaseBound(worst, largest(errors, worstPairs));
            Arrays.fill(involved, false);
            undecided = PrintedDigits.undecidedOrders(target, d, errors, involved);
        }
        int count = 0;
        for (boolean s : solved) {
            count += s ? 1 : 0;
        }
        return new Refinement(worstBound, undecided, count, mesh);
    }

    /**
     * {@link #error} per pair; a pair whose coarse or fine distance failed has no error, and keeps that
     * failure (the coarse one's first): failures are retried and counted.
     */
    static PairValues errors(PairValues coarse, PairValues fine) {
        PairValues out = new PairValues(coarse.size());
        for (int i = 0; i < coarse.size(); i++) {
            if (coarse.isFailed(i) || fine.isFailed(i)) {
                out.set(i, coarse.isFailed(i) ? coarse.get(i) : fine.get(i));
            } else {
                out.set(i, error(coarse.value(i), fine.value(i)));
            }
        }
        return out;
    }

    /** RICHARDSON·|fine − coarse|/|fine|, 0 when the two are equal (also when both are 0). */
    private static double error(double coarse, double fine) {
        return fine == coarse ? 0 : RICHARDSON * Math.abs(fine - coarse) / Math.abs(fine);
    }

    /** The largest value of the pairs that have one (empty when none has). */
    static OptionalDouble largest(PairValues values) {
        boolean any = false;
        double max = 0;
        for (int k = 0; k < values.size(); k++) {
            if (!values.isFailed(k)) {
                max = any ? Math.max(max, values.value(k)) : values.value(k);
                any = true;
            }
        }
        return any ? OptionalDouble.of(max) : OptionalDouble.empty();
    }

    /** The largest of {@code errors} (all ≥ 0) at the pairs {@code which}; 0 when there are none. */
    private static double largest(double[] errors, int[] which) {
        double max = 0;
        for (int k : which) {
            max = Math.max(max, errors[k]);
        }
        return max;
    }

    /**
     * Solves the pairs in {@code hadWarm} afresh (chained) and keeps, per pair, the shorter of that and
     * {@code distances} (a failed one loses); returns the pairs whose fresh solve found another
     * geodesic: one shorter by more than {@link Evaluation#TOLERANCE} (relative), or the only one.
     */
    private int[] keepShorter(WarmStartedSpace warm, int[] hadWarm, PairValues distances) {
        if (warm == null || hadWarm.length == 0) {
            return new int[0];
        }
        stage("warm-started pairs afresh", hadWarm.length);
        PairValues fresh = solveChained(warm.withEmptyWarmStarts(), hadWarm);
        int[] kept = new int[hadWarm.length];
        int n = 0;
        for (int i = 0; i < hadWarm.length; i++) {
            int k = hadWarm[i];
            if (fresh.isFailed(i)) {
                continue;
            }
            double f = fresh.value(i);
            boolean none = distances.isFailed(k);
            // a fresh solve that meets the warm one within the tolerance found the same geodesic
            if (none || f < distances.value(k) * (1 - Evaluation.TOLERANCE)) {
                kept[n++] = k;
            }
            if (none || f < distances.value(k)) {
                distances.set(k, f);
            }
        }
        return Arrays.copyOf(kept, n);
    }

    /**
     * The pairs {@code which} in {@code space} from its warm starts, and those of them in
     * {@code fresh} (sorted) once more afresh, keeping the shorter: the geodesic the training mesh chose.
     */
    private PairValues solveKeepingFresh(RefinableSpace space, int[] which, int[] fresh, String what) {
        int[] again = space instanceof WarmStartedSpace
                ? Arrays.stream(which).filter(k -> Arrays.binarySearch(fresh, k) >= 0).toArray() : new int[0];
        stage(what + " " + space.resolution(), which.length + again.length);
        PairValues out = solve(space, which);
        if (again.length == 0 || !(space instanceof WarmStartedSpace w)) {
            return out;
        }
        PairValues f = solve(w.withoutWarmStarts(), again);
        for (int i = 0, j = 0; i < which.length && j < again.length; i++) {
            if (which[i] == again[j]) {
                if (!f.isFailed(j) && (out.isFailed(i) || f.value(j) < out.value(i))) {
                    out.copy(i, f, j);
                }
                j++;
            }
        }
        return out;
    }

    /** Distances already solved on a mesh: those of the sorted pairs {@code pairs} (same order), or none (null values). */
    private record Known(int[] pairs, PairValues values) {
    }

    /**
     * {@link #solveKeepingFresh(RefinableSpace, int[], int[], String)} for the pairs of {@code which}
     * (sorted) that {@code known} lacks; those it has take its value without a solve. Every solve on
     * a mesh starts from the same state (the training solves' warm starts, copied by
     * {@link RefinableSpace#refined}) and a pair's solve depends only on its own, so a value solved
     * before on the same mesh is the one solving again would give, bit for bit: with 500 pairs
     * sampled, the sample is every pair of a graph up to 32 nodes (Cube2: 351), whose full pass
     * otherwise repeats the sample's solves on the mesh the sample chose.
     */
    private PairValues solveKeepingFresh(RefinableSpace space, int[] which, Known known, int[] fresh, String what) {
        if (known.values() == null) {
            return solveKeepingFresh(space, which, fresh, what);
        }
        int[] rest = Arrays.stream(which).filter(k -> Arrays.binarySearch(known.pairs(), k) < 0).toArray();
        PairValues solved = solveKeepingFresh(space, rest, fresh, what);
        PairValues out = new PairValues(which.length);
        for (int i = 0, j = 0; i < which.length; i++) {
            int s = Arrays.binarySearch(known.pairs(), which[i]);
            if (s >= 0) {
                out.copy(i, known.values(), s);
            } else {
                out.copy(i, solved, j++);
            }
        }
        return out;
    }

    /**
     * The seeded sample (sorted, distinct): {@value #SAMPLE} pairs drawn without replacement
     * (every pair when there are no more than that) and the {@link #extremes} of {@code distances}.
     */
    int[] sample(PairValues distances) {
        int pairs = distances.size();
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
    int[] extremes(PairValues distances) {
        Integer[] computed = IntStream.range(0, distances.size()).filter(k -> !distances.isFailed(k)).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(computed, (a, b) -> Double.compare(distances.value(a) / target.distanceOfPair(a),
                distances.value(b) / target.distanceOfPair(b)));
        int e = Math.min(EXTREMES, computed.length);
        return IntStream.concat(Arrays.stream(computed, 0, e).mapToInt(Integer::intValue),
                Arrays.stream(computed, computed.length - e, computed.length).mapToInt(Integer::intValue))
                .distinct().sorted().toArray();
    }

    /** d_M of the pairs {@code which} (in that order) in {@code space} on the worker threads, failures with their status. */
    private PairValues solve(EmbeddingSpace space, int[] which) {
        return solve(space, which, (s, k, x, y) -> s.distance(k, x, y, theta));
    }

    /**
     * d_M of the pairs {@code which} (in that order) in {@code space}, each started from a
     * neighbouring solve of the same pass ({@link SourceChains}) where the space keeps warm starts
     * (else {@link #solve(EmbeddingSpace, int[])}); the chains are the worker threads' units.
     */
    private PairValues solveChained(EmbeddingSpace space, int[] which) {
        if (!(space instanceof WarmStartedSpace) || which.length == 0) {
            return solve(space, which);
        }
        List<SourceChains.Chain> chains = SourceChains.of(which, first, second, positions, dim);
        PairValues byPair = new PairValues(target.pairCount());
        onWorkers(space, chains.size(), (w, c) -> {
            SourceChains.Chain chain = chains.get(c);
            WarmStartedSpace ws = (WarmStartedSpace) w.space;
            for (int i = 0; i < chain.pairs().length; i++) {
                int k = chain.pairs()[i];
                w.load(k);
                int from = chain.from()[i];
                byPair.set(k, from == SourceChains.NONE ? ws.distance(k, w.x, w.y, theta)
                        : ws.distanceFrom(k, from, w.x, w.y, theta));
            }
            return chain.pairs().length;
        });
        return byPair.pick(which);
    }

    /** One pair's distance in a worker's instance of the space, or why it failed. */
    private interface PairSolver {
        PairDistance distance(EmbeddingSpace space, int pair, double[] x, double[] y);
    }

    /** d_M of the pairs {@code which} (in that order) by {@code solver} with {@code space}'s instances, on the worker threads. */
    private PairValues solve(EmbeddingSpace space, int[] which, PairSolver solver) {
        PairValues out = new PairValues(which.length);
        onWorkers(space, (which.length + CHUNK - 1) / CHUNK, (w, c) -> {
            int end = Math.min(which.length, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                w.load(which[i]);
                out.set(i, solver.distance(w.space, which[i], w.x, w.y));
            }
            return end - c * CHUNK;
        });
        return out;
    }

    /** One unit of work of a worker: solves some pairs, returns how many. */
    private interface Unit {
        int run(Worker worker, int unit);
    }

    /**
     * Runs {@code units} units on the worker threads, each worker with its own instance of
     * {@code space}, counting their CPU time and telling the listener of the pairs each solved.
     */
    private void onWorkers(EmbeddingSpace space, int units, Unit unit) {
        if (units == 0) {
            return;
        }
        try (WorkerPool<Worker> pool = new WorkerPool<>(threads, w -> new Worker(w == 0 ? space : space.forThread()),
                "final distances")) {
            pool.run(units, (w, c) -> {
                long cpu = CPU.getCurrentThreadCpuTime();
                int solved = unit.run(w, c);
                cpuNanos.add(CPU.getCurrentThreadCpuTime() - cpu);
                if (listener != null) {
                    listener.solved(solved);
                }
            });
        }
    }

    private void stage(String what, long pairs) {
        if (listener != null) {
            listener.stage(what, pairs);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }

    /** One worker's space instance and scratch points. */
    private final class Worker {
        final EmbeddingSpace space;
        final double[] x;
        final double[] y;

        Worker(EmbeddingSpace space) {
            this.space = space;
            this.x = new double[dim];
            this.y = new double[dim];
        }

        /** Copies the end points of {@code pair} into {@link #x} and {@link #y}. */
        void load(int pair) {
            System.arraycopy(positions, first[pair] * dim, x, 0, dim);
            System.arraycopy(positions, second[pair] * dim, y, 0, dim);
        }
    }
}
