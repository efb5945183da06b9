package geo.runtime.transport.cost;

import geo.runtime.parallel.WorkerPool;
import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.TransportPlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Cost matrices C_ij = c(x_i, y_j; θ), transport-cost gradients and transport paths on all
 * cores, on a {@link WorkerPool} with one {@link PairCost#forThread()} instance per worker.
 * Determinism: a matrix chunk is one row, solved left to right (so a row's warm starts are the
 * same whoever solves it), and a plan gradient's chunks are fixed runs of {@value #PLAN_CHUNK}
 * plan entries whose sums are added in chunk order on the calling thread; results do not depend
 * on the thread count.
 */
public final class CostMatrices {

    /** Plan entries per chunk of {@link #planGradient}: fixed, so the order of the sums is too. */
    static final int PLAN_CHUNK = 32;

    private CostMatrices() {
    }

    /**
     * C_ij = c(x_i, y_j; θ) for every source x_i and target y_j. Every row is solved in the same
     * order of the targets, a nearest-neighbour chain ({@link #chain}), and an entry is told it
     * continues its row (so may start from the previous entry's solution) when the previous target
     * is within half of its own distance from x_i (Euclidean, in coordinates: a warm start from a far
     * target is worse than the cold one, and a failed warm start costs a solve). A {@link RowCost}
     * solves each row's entries together ({@link #row}).
     *
     * @param cost     the cost (a template: each worker gets its own {@link PairCost#forThread()})
     * @param progress told of each finished row, from the workers
     * @return the matrix when every entry succeeded, otherwise every failed entry with its status
     */
    public static CostResult build(PairCost cost, double[][] xs, double[][] ys, double[] theta, int threads,
                                   CostProgress progress) {
        check(cost, xs, ys, theta);
        int n = xs.length;
        int m = ys.length;
        double[] values = new double[n * m];
        EntryResult[] failed = new EntryResult[n * m];
        int[] order = chain(ys);
        try (WorkerPool<PairCost> pool = new WorkerPool<>(threads, w -> cost.forThread(), "a cost matrix")) {
            pool.run(n, (solver, i) -> {
                row(solver, xs[i], ys, order, 0, m, theta, (j, r) -> {
                    if (r.ok()) {
                        values[i * m + j] = r.value();
                    } else {
                        failed[i * m + j] = r;
                    }
                });
                progress.rowDone(i, m);
            });
        }
        Map<EntryStatus, Long> counts = new EnumMap<>(EntryStatus.class);
        for (EntryStatus s : EntryStatus.values()) {
            counts.put(s, 0L);
        }
        List<EntryFailure> failures = new ArrayList<>();
        for (int k = 0; k < n * m; k++) {
            EntryStatus s = failed[k] == null ? EntryStatus.OK : failed[k].status();
            counts.merge(s, 1L, Long::sum);
            if (failed[k] != null) {
                failures.add(new EntryFailure(k / m, k % m, s, failed[k].detail()));
            }
        }
        Map<EntryStatus, Long> frozen = Collections.unmodifiableMap(counts);
        if (!failures.isEmpty()) {
            return new CostResult.Failed(n, m, failures, frozen);
        }
        return new CostResult.Built(new CostMatrix(n, m, values), frozen);
    }

    /** Told of each entry {@link #row} solves: target column j and its result. */
    @FunctionalInterface
    public interface EntrySink {
        void accept(int j, EntryResult result);
    }

    /**
     * The entries (x, y_{order[k]}) for {@code from} ≤ k &lt; {@code to} of one row, left to right
     * along the chain, as {@link #build} solves a row (with {@code from = 0} and {@code to = m}: the
     * same calls, so the same numbers): the first entry starts cold, a later one continues the row
     * when the previous target is within half of its own distance from x. For distributed jobs
     * that give each task a block of rows and a stretch of the chain.
     *
     * @param solver one thread's cost instance
     * @param order  the targets' chain ({@link #chain})
     */
    public static void row(PairCost solver, double[] x, double[][] ys, int[] order, int from, int to, double[] theta,
                           EntrySink sink) {
        if (solver instanceof RowCost rows) {
            rows.row(x, ys, order, from, to, theta, sink);
            return;
        }
        entries(solver, x, ys, order, from, to, theta, sink);
    }

    /** As {@link #row}, always entry by entry through {@link PairCost#cost}. */
    public static void entries(PairCost solver, double[] x, double[][] ys, int[] order, int from, int to,
                               double[] theta, EntrySink sink) {
        for (int k = from; k < to; k++) {
            sink.accept(order[k], solver.cost(x, ys[order[k]], theta, continues(x, ys, order, from, k)));
        }
    }

    /**
     * Whether entry k of a row's stretch starting at {@code from} continues the row (so may start
     * from the previous entry's solution): the previous target is within half of its own distance from x.
     */
    public static boolean continues(double[] x, double[][] ys, int[] order, int from, int k) {
        int j = order[k];
        return k > from && distance(ys[j], ys[order[k - 1]]) <= 0.5 * distance(ys[j], x);
    }

    /** {@link #build} without progress reports. */
    public static CostResult build(PairCost cost, double[][] xs, double[][] ys, double[] theta, int threads) {
        return build(cost, xs, ys, theta, threads, CostProgress.NONE);
    }

    /**
     * The gradient of W = Σ_k π_k c(x_{i_k}, y_{j_k}; θ) for the fixed plan π in θ and in every
     * point ({@link PlanGradient}). Each plan entry's cost is solved again with its gradient
     * (cold, from the cost's own first guess); entries with zero mass are skipped.
     */
    public static PlanGradient planGradient(PairCost cost, double[][] xs, double[][] ys, double[] theta,
                                            TransportPlan plan, int threads) {
        check(cost, xs, ys, theta);
        if (plan.rows() != xs.length || plan.cols() != ys.length) {
            throw new IllegalArgumentException("the plan is " + plan.rows() + " × " + plan.cols() + " but there are "
                    + xs.length + " sources and " + ys.length + " targets");
        }
        int d = cost.dimension();
        int p = cost.parameterCount();
        int size = plan.size();
        int chunks = (size + PLAN_CHUNK - 1) / PLAN_CHUNK;
        double[][] thetaSums = new double[chunks][p];
        double[] costSums = new double[chunks];
        double[][] gxs = new double[size][d];
        double[][] gys = new double[size][d];
        EntryResult[] results = new EntryResult[size];
        try (WorkerPool<PairCost> pool = new WorkerPool<>(threads, w -> cost.forThread(), "a transport gradient")) {
            pool.run(chunks, (solver, c) -> {
                double[] gTheta = new double[p];
                for (int k = c * PLAN_CHUNK; k < Math.min(size, (c + 1) * PLAN_CHUNK); k++) {
                    double mass = plan.mass()[k];
                    if (mass == 0) {
                        results[k] = EntryResult.ok(0);
                        continue;
                    }
                    EntryResult r = solver.gradient(xs[plan.from()[k]], ys[plan.to()[k]], theta, gxs[k], gys[k], gTheta);
                    results[k] = r;
                    if (!r.ok()) {
                        continue;
                    }
                    costSums[c] += mass * r.value();
                    for (int j = 0; j < p; j++) {
                        thetaSums[c][j] += mass * gTheta[j];
                    }
                    for (int i = 0; i < d; i++) {
                        gxs[k][i] *= mass;
                        gys[k][i] *= mass;
                    }
                }
            });
        }
        double total = 0;
        double[] gTheta = new double[p];
        for (int c = 0; c < chunks; c++) {
            total += costSums[c];
            for (int j = 0; j < p; j++) {
                gTheta[j] += thetaSums[c][j];
            }
        }
        double[][] sources = new double[xs.length][d];
        double[][] targets = new double[ys.length][d];
        List<EntryFailure> failures = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            int i = plan.from()[k];
            int j = plan.to()[k];
            if (!results[k].ok()) {
                failures.add(new EntryFailure(i, j, results[k].status(), results[k].detail()));
                continue;
            }
            if (plan.mass()[k] == 0) {
                continue;
            }
            for (int a = 0; a < d; a++) {
                sources[i][a] += gxs[k][a];
                targets[j][a] += gys[k][a];
            }
        }
        return new PlanGradient(total, gTheta, sources, targets, failures);
    }

    /**
     * The optimal path of each pair (x_{from[k]}, y_{to[k]}), sampled at n ≥ 2 times, on all cores
     * (one pair per chunk).
     */
    public static PathResult[] paths(PairCost cost, double[][] xs, double[][] ys, double[] theta, int[] from,
                                     int[] to, int n, int threads) {
        check(cost, xs, ys, theta);
        if (n < 2) {
            throw new IllegalArgumentException("a path needs at least 2 samples, got " + n);
        }
        PathResult[] out = new PathResult[from.length];
        try (WorkerPool<PairCost> pool = new WorkerPool<>(threads, w -> cost.forThread(), "transport paths")) {
            pool.run(from.length, (solver, k) -> out[k] = solver.path(xs[from[k]], ys[to[k]], theta, n));
        }
        return out;
    }

    /**
     * An order of the points in which each is followed by its nearest not yet visited one
     * (Euclidean, ties to the lower index), starting from point 0: consecutive targets are close, so
     * a row's warm starts are good guesses. O(m² d).
     */
    public static int[] chain(double[][] ps) {
        int m = ps.length;
        int[] order = new int[m];
        boolean[] seen = new boolean[m];
        int at = 0;
        seen[0] = true;
        for (int k = 1; k < m; k++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                if (!seen[j]) {
                    double dist = distance(ps[at], ps[j]);
                    if (dist < bestD) {
                        bestD = dist;
                        best = j;
                    }
                }
            }
            order[k] = best;
            seen[best] = true;
            at = best;
        }
        return order;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    private static void check(PairCost cost, double[][] xs, double[][] ys, double[] theta) {
        if (xs.length == 0 || ys.length == 0) {
            throw new IllegalArgumentException("need at least one source and one target, got " + xs.length + " and "
                    + ys.length);
        }
        for (double[][] cloud : new double[][][] {xs, ys}) {
            for (int i = 0; i < cloud.length; i++) {
                if (cloud[i].length != cost.dimension()) {
                    throw new IllegalArgumentException((cloud == xs ? "source " : "target ") + i + " has "
                            + cloud[i].length + " coordinates; the cost is on R^" + cost.dimension());
                }
            }
        }
        if (theta.length != cost.parameterCount()) {
            throw new IllegalArgumentException("θ has " + theta.length + " entries; the cost has "
                    + cost.parameterCount() + " parameters");
        }
    }
}
