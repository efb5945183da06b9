package geo.runtime.bvp;

import geo.runtime.parallel.WorkerPool;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Many distances at once on every core, on a {@link WorkerPool}: each worker gets its own
 * {@link Distances} (own kernel instances and scratch arrays) from the factory, and each pair's
 * result goes to its own slot, so threads share nothing mutable and the results do not depend on
 * the thread count. A solver's own exception (an indefinite metric, a point outside the domain)
 * keeps its type.
 */
public final class Batch {

    private Batch() {
    }

    /**
     * d(xs[k], ys[k]) for every k.
     *
     * @param factory makes one solver per worker thread (e.g. {@code () -> new Distances(model, method, options)})
     * @param threads the number of worker threads (≥ 1)
     * @return the distances (NaN where the logarithm failed) and each solve's result
     */
    public static Result distances(Supplier<Distances> factory, double[][] xs, double[][] ys, double[] theta,
                                   int threads) {
        return distances(factory, xs, ys, theta, threads, k -> { });
    }

    /**
     * d(xs[k], ys[k]) for every k, telling {@code finished} of each pair as it is done (for a
     * progress display).
     *
     * @param finished called with k once pair k's result is stored, on the worker thread that
     *                 computed it, so concurrently from several threads: it must be thread-safe
     * @see #distances(Supplier, double[][], double[][], double[], int)
     */
    public static Result distances(Supplier<Distances> factory, double[][] xs, double[][] ys, double[] theta,
                                   int threads, IntConsumer finished) {
        int n = xs.length;
        double[] values = new double[n];
        LogResult[] logs = new LogResult[n];
        try (WorkerPool<Distances> pool = new WorkerPool<>(threads, w -> factory.get(), "distances")) {
            pool.run(n, (solver, k) -> {
                Distances.Distance r = solver.distance(xs[k], ys[k], theta);
                values[k] = r.value();
                logs[k] = r.log();
                finished.accept(k);
            });
        }
        return new Result(values, logs);
    }

    /**
     * Distances and the solves behind them; {@link #failures()} counts the pairs that failed: an
     * unconverged solve, or a distance that is not a finite number.
     */
    public record Result(double[] distances, LogResult[] logs) {
        public int failures() {
            int f = 0;
            for (int k = 0; k < logs.length; k++) {
                if (failed(k)) {
                    f++;
                }
            }
            return f;
        }

        /** Whether pair k failed: its solve did not converge or its distance is not finite. */
        public boolean failed(int k) {
            return !logs[k].converged() || !Double.isFinite(distances[k]);
        }
    }
}
