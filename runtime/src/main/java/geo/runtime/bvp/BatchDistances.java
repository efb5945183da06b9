package geo.runtime.bvp;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.Domain;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import geo.runtime.parallel.WorkerPool;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Many distances d(x_k, y_k) with the logarithms solved in batches ({@link BatchShooting}: one
 * vectorised exp per Newton round for up to {@link BatchShooting#WIDTH} pairs) and each distance then
 * finished, certified and checked by the per-pair solver ({@link Distances}), warm-started from
 * the batch's logarithm. The per-pair solver therefore decides every status and every number it
 * reports, exactly as for a cold solve: its first shot from the batch's v meets the same
 * tolerance on the same computed map (RK4: the batch shot has the bits of the per-pair one), so
 * its Newton iteration ends at once, and then the conjugate-point check, the error estimate in
 * the metric, and the distance are computed as for any per-pair solve. A pair the batch does not
 * converge is solved by the per-pair solver from the straight line (with continuation), as today.
 * A result's iterations are the batch's Newton iterations plus the per-pair solver's; its status,
 * residual and detail are the per-pair solver's.
 *
 * <p>With an adaptive method (DOPRI5) the batch solves the same problem with RK4 and
 * {@value #PREDICTOR_STEPS} steps: its logarithm is then only the per-pair Newton iteration's
 * first guess (within the RK4 error of the solution), which the per-pair DOPRI5 Newton refines
 * to its tolerance in one or two steps instead of about five from the straight line.
 *
 * <p>The distances agree with the per-pair solver's from the straight line to within the shooting
 * tolerance's effect (both are roots of the same map to ‖exp_x(v) − y‖ ≤ tolerance; the tests
 * hold them to 1e-9 relative). A pair's numbers do not depend on the pairs it shares a batch
 * with (each lane of the batch step computes its own point's bits), so the results do not depend
 * on the chunks or on the thread count. Not thread-safe: one instance per worker thread.
 */
public final class BatchDistances {

    /**
     * Pairs per task of a worker: solved {@link BatchShooting#WIDTH} at a time, a finished pair's
     * place taken by the next, so that the slowest pairs of a chunk do not leave the rounds nearly empty.
     */
    public static final int CHUNK = 256;

    /** RK4 steps of the batch solve when the per-pair method is adaptive (its first guess only). */
    public static final int PREDICTOR_STEPS = 64;

    private final Distances distances;
    private final BatchShooting batch;
    private final int d;
    private final double[] periods;
    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private double[] vs = new double[0];
    private final double[] v;
    private long batchConverged;
    private long fallbacks;

    /**
     * For a compiled metric model: new kernel instances, distances by {@code method} and
     * {@code options} (as {@link Distances#Distances(Model, GeodesicMethod, Shooting.Options)}).
     */
    public BatchDistances(Model model, GeodesicMethod method, Shooting.Options options) {
        this(model.acceleration(), new Distances(model, method, options), method, options);
    }

    /**
     * @param kernels   kernel instances of the model for the batch (not those of {@code distances})
     * @param distances the per-pair solver, whose method and options are {@code method} and {@code options}
     */
    public BatchDistances(AccelerationKernels kernels, Distances distances, GeodesicMethod method,
                          Shooting.Options options) {
        this.distances = distances;
        this.d = kernels.descriptor().dimension();
        // TRUST_WARM_STARTS skips the conjugate-point check of a solve that converges from its warm
        // start, which it may because that start was certified; the batch's logarithm is not.
        this.batch = BatchShooting.supports(kernels) && options.minimality() != Minimality.TRUST_WARM_STARTS
                ? new BatchShooting(kernels, batchMethod(method), options) : null;
        Domain domain = kernels.descriptor().domain();
        this.periods = new double[d];
        for (int i = 0; i < d; i++) {
            periods[i] = domain.period(i);
        }
        this.v = new double[d];
    }

    /** The batch's integrator for a per-pair method: itself when it is RK4, else RK4 with {@value #PREDICTOR_STEPS} steps. */
    public static GeodesicMethod batchMethod(GeodesicMethod method) {
        return method.adaptive() ? GeodesicMethod.rk4(PREDICTOR_STEPS, method.blowUp()) : method;
    }

    /**
     * Whether logarithms are solved in batches: the model batches exp
     * ({@link BatchShooting#supports}), and the minimality check is not
     * {@link Minimality#TRUST_WARM_STARTS} (which would take the batch's uncertified logarithm for a
     * certified warm start); else pair by pair.
     */
    public boolean batched() {
        return batch != null;
    }

    /** The per-pair solver. */
    public Distances perPair() {
        return distances;
    }

    /** Pairs whose batch solve converged (and were finished from it), for profiling. */
    public long batchConverged() {
        return batchConverged;
    }

    /** Pairs the batch did not converge, solved by the per-pair solver from the straight line, for profiling. */
    public long fallbacks() {
        return fallbacks;
    }

    /** The batch shooting, or null when not {@link #batched()}. */
    public BatchShooting shooting() {
        return batch;
    }

    /**
     * d(xs[k], ys[k]) for from ≤ k &lt; to, into values[k] (NaN when not converged) and logs[k].
     *
     * @param finished told of each k once stored
     * @throws geo.runtime.api.DomainException if a point is outside the model's domain
     * @throws geo.runtime.api.MetricCheck.IndefiniteMetricException if the metric is not positive
     *                                                                definite at a pair's ends or along its geodesic
     */
    public void distances(double[][] px, double[][] py, double[] theta, int from, int to, double[] values,
                          LogResult[] logs, IntConsumer finished) {
        int n = to - from;
        LogResult[] solved = null;
        if (batch != null && n > 0) {
            ensure(n);
            for (int b = 0; b < n; b++) {
                double[] a = px[from + b];
                double[] c = py[from + b];
                for (int i = 0; i < d; i++) {
                    xs[i * n + b] = a[i];
                    // The image of y nearest to x, as the certifier's first solve.
                    ys[i * n + b] = periods[i] > 0 ? c[i] - periods[i] * Math.rint((c[i] - a[i]) / periods[i]) : c[i];
                }
            }
            solved = batch.log(n, xs, ys, theta, vs, false);
        }
        for (int b = 0; b < n; b++) {
            int k = from + b;
            Distances.Distance r;
            if (solved != null && solved[b].converged()) {
                batchConverged++;
                for (int i = 0; i < d; i++) {
                    v[i] = vs[i * n + b];
                }
                r = distances.distance(px[k], py[k], theta, v, null, true);
            } else {
                fallbacks += solved != null ? 1 : 0;
                r = distances.distance(px[k], py[k], theta);
            }
            values[k] = r.value();
            // The Newton iterations of both solves, as the per-pair solver counts a failed warm start's.
            logs[k] = solved == null ? r.log() : new LogResult(r.log().status(),
                    solved[b].iterations() + r.log().iterations(), r.log().residual(), r.log().detail());
            finished.accept(k);
        }
    }

    /**
     * d(xs[k], ys[k]) for every k on {@code threads} workers, chunks of {@value #CHUNK} pairs, each
     * worker with its own solver from {@code factory}; the same results as
     * {@link Batch#distances(Supplier, double[][], double[][], double[], int, IntConsumer)} up to
     * the shooting tolerance, and the same for every thread count.
     *
     * @param finished called with k once pair k's result is stored, from the worker threads (thread-safe)
     */
    public static Batch.Result distances(Supplier<BatchDistances> factory, double[][] xs, double[][] ys,
                                         double[] theta, int threads, IntConsumer finished) {
        int n = xs.length;
        double[] values = new double[n];
        LogResult[] logs = new LogResult[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        try (WorkerPool<BatchDistances> pool = new WorkerPool<>(threads, w -> factory.get(), "distances")) {
            pool.run(chunks, (solver, c) -> solver.distances(xs, ys, theta, c * CHUNK, Math.min(n, (c + 1) * CHUNK),
                    values, logs, finished));
        }
        return new Batch.Result(values, logs);
    }

    private void ensure(int n) {
        if (vs.length < n * d) {
            xs = new double[n * d];
            ys = new double[n * d];
            vs = new double[n * d];
        }
    }
}
