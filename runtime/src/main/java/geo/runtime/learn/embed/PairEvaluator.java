package geo.runtime.learn.embed;

import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.parallel.WorkerPool;
import java.util.Arrays;

/**
 * Evaluates the loss of a batch of pairs and its gradient on N worker threads ({@link WorkerPool}),
 * with results that do not depend on N or on scheduling. A batch is cut into chunks of
 * {@value #CHUNK} pairs, which workers take in any order; each worker has its own {@link EmbeddingSpace#forThread()} instance
 * and scratch arrays, and writes only the slots of the pairs and chunks it took: each pair's
 * position gradient, each chunk's sums (loss, ∂/∂σ, ∂/∂θ, failures, time). {@link #reduce} then
 * adds the slots in pair and chunk order on the calling thread, so every floating-point sum is
 * formed in one fixed order. (Per-thread accumulators would be cheaper to reduce but would make
 * the result depend on which thread took which pair.)
 */
final class PairEvaluator implements AutoCloseable {

    /** Pairs per unit of work: large enough to amortise the hand-off, small enough to balance load. */
    static final int CHUNK = 32;

    private final ShortestPaths target;
    private final int dim;
    private final int params;
    private final int[] first;
    private final int[] second;
    private final WorkerPool<Worker> workers;

    private final double[] pairGrad;
    private final boolean[] failed;
    private final double[] chunkTheta;
    private final double[] chunkLoss;
    private final double[] chunkSigma;
    private final int[] chunkFailures;
    private final int[] chunkFirstFailure;
    private final long[] chunkNanos;

    private int[] order;
    private int from;
    private int count;
    private double[] positions;
    private double[] theta;
    private double scale;
    private PairLoss loss;

    /** Sums of the last {@link #reduce}: Σℓ, Σ∂ℓ/∂σ, successful and failed pairs, ns inside distance calls. */
    double lossSum;
    double sigmaGradient;
    int succeeded;
    int failures;
    int firstFailedPair;
    long distanceNanos;

    /**
     * @param maxBatch the largest batch {@link #evaluate} will be given
     * @param threads  worker threads (≥ 1; 1 runs on the calling thread without a pool)
     */
    PairEvaluator(EmbeddingSpace space, ShortestPaths target, int maxBatch, int threads) {
        this.target = target;
        this.dim = space.dimension();
        this.params = space.parameterCount();
        int n = target.nodeCount();
        first = new int[target.pairCount()];
        second = new int[target.pairCount()];
        for (int i = 0, k = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, k++) {
                first[k] = i;
                second[k] = j;
            }
        }
        workers = new WorkerPool<>(threads, w -> new Worker(w == 0 ? space : space.forThread(), dim, params),
                "pair distances");
        int chunks = (maxBatch + CHUNK - 1) / CHUNK;
        pairGrad = new double[maxBatch * 2 * dim];
        failed = new boolean[maxBatch];
        chunkTheta = new double[chunks * params];
        chunkLoss = new double[chunks];
        chunkSigma = new double[chunks];
        chunkFailures = new int[chunks];
        chunkFirstFailure = new int[chunks];
        chunkNanos = new long[chunks];
    }

    /** The first node of pair k (the smaller index). */
    int first(int k) {
        return first[k];
    }

    /** The second node of pair k. */
    int second(int k) {
        return second[k];
    }

    /**
     * Evaluates ℓ(s·d_M, d_G) and its gradients for the pairs {@code order[from .. from+count)};
     * {@link #reduce} collects them.
     *
     * @param positions n·dim node coordinates, node u at [u·dim, (u+1)·dim) (read)
     * @param theta     the space's parameters (read)
     * @param scale     s = exp(σ) &gt; 0 (1 when no scale is learned)
     */
    void evaluate(int[] order, int from, int count, double[] positions, double[] theta, double scale,
                  PairLoss loss) {
        this.order = order;
        this.from = from;
        this.count = count;
        this.positions = positions;
        this.theta = theta;
        this.scale = scale;
        this.loss = loss;
        workers.run((count + CHUNK - 1) / CHUNK, this::evaluateChunk);
    }

    private void evaluateChunk(Worker w, int c) {
        int end = Math.min(count, (c + 1) * CHUNK);
        double lossSum = 0;
        double sigmaSum = 0;
        int fails = 0;
        int firstFail = -1;
        long nanos = 0;
        int tOffset = c * params;
        Arrays.fill(chunkTheta, tOffset, tOffset + params, 0);
        for (int p = c * CHUNK; p < end; p++) {
            int k = order[from + p];
            System.arraycopy(positions, first[k] * dim, w.x, 0, dim);
            System.arraycopy(positions, second[k] * dim, w.y, 0, dim);
            long t0 = System.nanoTime();
            double d = w.space.distance(k, w.x, w.y, theta, w.gx, w.gy, w.gTheta);
            nanos += System.nanoTime() - t0;
            double e = scale * d;
            double g = target.distanceOfPair(k);
            double l = loss.value(e, g);
            double dl = loss.derivative(e, g);
            if (!(Double.isFinite(l) && Double.isFinite(dl) && w.gradientsFinite())) {
                failed[p] = true;
                fails++;
                firstFail = firstFail < 0 ? k : firstFail;
                continue;
            }
            failed[p] = false;
            lossSum += l;
            sigmaSum += e * dl;
            double dd = scale * dl;
            int base = p * 2 * dim;
            for (int a = 0; a < dim; a++) {
                pairGrad[base + a] = dd * w.gx[a];
                pairGrad[base + dim + a] = dd * w.gy[a];
            }
            for (int q = 0; q < params; q++) {
                chunkTheta[tOffset + q] += dd * w.gTheta[q];
            }
        }
        chunkLoss[c] = lossSum;
        chunkSigma[c] = sigmaSum;
        chunkFailures[c] = fails;
        chunkFirstFailure[c] = firstFail;
        chunkNanos[c] = nanos;
    }

    /**
     * Adds the last batch's slots in a fixed order: the sums over its successful pairs of
     * ∂ℓ/∂positions into {@code gradPositions} and of ∂ℓ/∂θ into {@code gradTheta} (both
     * overwritten, not divided by the count), and the scalar sums into this evaluator's fields.
     */
    void reduce(double[] gradPositions, double[] gradTheta) {
        Arrays.fill(gradPositions, 0);
        Arrays.fill(gradTheta, 0);
        for (int p = 0; p < count; p++) {
            if (failed[p]) {
                continue;
            }
            int k = order[from + p];
            int base = p * 2 * dim;
            int i = first[k] * dim;
            int j = second[k] * dim;
            for (int a = 0; a < dim; a++) {
                gradPositions[i + a] += pairGrad[base + a];
                gradPositions[j + a] += pairGrad[base + dim + a];
            }
        }
        lossSum = 0;
        sigmaGradient = 0;
        failures = 0;
        firstFailedPair = -1;
        distanceNanos = 0;
        int chunks = (count + CHUNK - 1) / CHUNK;
        for (int c = 0; c < chunks; c++) {
            lossSum += chunkLoss[c];
            sigmaGradient += chunkSigma[c];
            failures += chunkFailures[c];
            distanceNanos += chunkNanos[c];
            if (firstFailedPair < 0) {
                firstFailedPair = chunkFirstFailure[c];
            }
            for (int q = 0; q < params; q++) {
                gradTheta[q] += chunkTheta[c * params + q];
            }
        }
        succeeded = count - failures;
    }

    /**
     * d_M of every pair into {@code out} (indexed by pair; NaN where the space failed).
     *
     * @param positions n·dim node coordinates (read)
     */
    void distances(double[] positions, double[] theta, double[] out) {
        int pairs = out.length;
        workers.run((pairs + CHUNK - 1) / CHUNK, (w, c) -> {
            int end = Math.min(pairs, (c + 1) * CHUNK);
            for (int k = c * CHUNK; k < end; k++) {
                System.arraycopy(positions, first[k] * dim, w.x, 0, dim);
                System.arraycopy(positions, second[k] * dim, w.y, 0, dim);
                out[k] = w.space.distance(k, w.x, w.y, theta, w.gx, w.gy, w.gTheta);
            }
        });
    }

    @Override
    public void close() {
        workers.close();
    }

    /** One worker's space instance and scratch arrays. */
    private static final class Worker {
        final EmbeddingSpace space;
        final double[] x;
        final double[] y;
        final double[] gx;
        final double[] gy;
        final double[] gTheta;

        Worker(EmbeddingSpace space, int dim, int params) {
            this.space = space;
            this.x = new double[dim];
            this.y = new double[dim];
            this.gx = new double[dim];
            this.gy = new double[dim];
            this.gTheta = new double[params];
        }

        boolean gradientsFinite() {
            return finite(gx) && finite(gy) && finite(gTheta);
        }

        private static boolean finite(double[] v) {
            for (double a : v) {
                if (!Double.isFinite(a)) {
                    return false;
                }
            }
            return true;
        }
    }
}
