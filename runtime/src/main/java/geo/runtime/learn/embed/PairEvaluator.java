package geo.runtime.learn.embed;

import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.WarmStartedSpace;
import geo.runtime.parallel.WorkerPool;
import java.util.Arrays;

/**
 * Evaluates the loss of a batch of pairs and its gradient on N worker threads ({@link WorkerPool}),
 * with results that do not depend on N or on scheduling. A batch is cut into chunks of
 * {@value #CHUNK} pairs, which workers take in any order; each worker has its own {@link EmbeddingSpace#forThread()} instance
 * and scratch arrays, announces a chunk's pairs to it ({@link EmbeddingSpace#prepare}: a compiled
 * metric solves their logarithms together), and writes only the slots of the pairs it took: each pair's distance d_M and
 * its gradients in both end points and in θ (and each chunk's time). {@link #reduce} then applies
 * the loss and adds the slots in pair order on the calling thread, so every floating-point sum is
 * formed in one fixed order. Keeping the raw d_M of the batch lets the scale s be chosen after the
 * distances are known ({@link #solvedScale}): the loss's own minimiser over the batch. (Per-thread
 * accumulators would be cheaper to reduce but would make the result depend on which thread took
 * which pair; the per-pair θ slots cost batch × |θ| doubles, a few MB at most.)
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
    private final int threads;
    /** The most pairs a space wants announced at once ({@link EmbeddingSpace#preparedWidth()}). */
    private final int width;
    /** Pairs per chunk of the current batch: {@value #CHUNK}, or wider for a space that batches its solves. */
    private int chunk = CHUNK;

    /** d_M of the batch's pairs, by position p in the batch (a failed pair with its failure). */
    private final PairValues pairDistance;
    private final double[] pairGrad;
    private final double[] pairTheta;
    private final double[] scratchD;
    private final double[] scratchG;
    private final long[] chunkNanos;

    private int[] order;
    private int from;
    private int count;
    private double[] positions;
    private double[] theta;
    private double scale;
    private PairLoss loss;
    private boolean worstCase;
    /**
     * Whether pairs without a warm start are solved from a neighbour's ({@link #chainColdPairs}); with it, the
     * space that keeps warm starts (else null), each batch position's donor pair or −1, and which pairs are in the batch.
     */
    private boolean chain;
    private final WarmStartedSpace warmSpace;
    private final int[] donor;
    private boolean[] inBatch;
    /** τ of the {@link SoftWorstCase} objective ({@link #temperature(double)}). */
    private double temperature = SoftWorstCase.TEMPERATURE;

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
        this.threads = threads;
        this.width = Math.max(CHUNK, space.preparedWidth());
        workers = new WorkerPool<>(threads, w -> new Worker(w == 0 ? space : space.forThread(), dim, params, width),
                "pair distances");
        int chunks = (maxBatch + CHUNK - 1) / CHUNK;
        pairDistance = new PairValues(maxBatch);
        pairGrad = new double[maxBatch * 2 * dim];
        pairTheta = new double[maxBatch * params];
        scratchD = new double[maxBatch];
        scratchG = new double[maxBatch];
        chunkNanos = new long[chunks];
        warmSpace = space instanceof WarmStartedSpace ws ? ws : null;
        donor = new int[maxBatch];
        Arrays.fill(donor, -1);
    }

    /**
     * With {@code on} (and a space that keeps warm starts), a pair of a batch that has no warm start is solved
     * from the stored logarithm of another pair out of the same base point x_i, the one whose end point is
     * nearest its own ({@link WarmStartedSpace#distanceFrom(int, int, double[], double[], double[], double[],
     * double[], double[])}, with the conjugate-point check), as the final distances chain their fresh solves:
     * a run that samples its pairs meets most of them cold, and from the straight line a long, bent geodesic
     * costs a cold solve's continuation and exact Jacobians. Donors are pairs outside the batch, chosen on the
     * calling thread before the batch is solved, so that no worker reads a slot another one writes and the
     * result does not depend on the threads.
     */
    void chainColdPairs(boolean on) {
        chain = on && warmSpace != null;
        if (chain && inBatch == null) {
            inBatch = new boolean[target.pairCount()];
        }
    }

    /** Each batch position's donor ({@link #chainColdPairs}): −1 for a pair with its own warm start or no donor. */
    private void chooseDonors(int count) {
        for (int p = 0; p < count; p++) {
            inBatch[order[from + p]] = true;
        }
        for (int p = 0; p < count; p++) {
            int k = order[from + p];
            donor[p] = warmSpace.hasWarmStart(k) ? -1 : nearestDonor(first[k], second[k]);
        }
        for (int p = 0; p < count; p++) {
            inBatch[order[from + p]] = false;
        }
    }

    /** The pair (i, m), m &gt; i, outside the batch and with a warm start, whose x_m is nearest x_j; −1 when none. */
    private int nearestDonor(int i, int j) {
        int best = -1;
        double low = Double.POSITIVE_INFINITY;
        int n = target.nodeCount();
        for (int m = i + 1; m < n; m++) {
            if (m == j) {
                continue;
            }
            int k = target.pairIndex(i, m);
            if (inBatch[k] || !warmSpace.hasWarmStart(k)) {
                continue;
            }
            double s = 0;
            for (int c = 0; c < dim; c++) {
                double e = positions[m * dim + c] - positions[j * dim + c];
                s += e * e;
            }
            if (s < low) {
                low = s;
                best = k;
            }
        }
        return best;
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
        // A space that batches its solves gets the batch in as few chunks as the threads allow
        // (wider batches amortise each batched call); the numbers do not depend on the chunks.
        chunk = width == CHUNK ? CHUNK : Math.max(CHUNK, Math.min(width, (count + threads - 1) / threads));
        if (chain) {
            chooseDonors(count);
        }
        workers.run((count + chunk - 1) / chunk, this::evaluateChunk);
    }

    private void evaluateChunk(Worker w, int c) {
        int end = Math.min(count, (c + 1) * chunk);
        long nanos = 0;
        // The chunk's pairs announced first, so that a space with a batch solver solves them together.
        for (int p = c * chunk; p < end; p++) {
            int k = order[from + p];
            int b = p - c * chunk;
            w.pairs[b] = k;
            System.arraycopy(positions, first[k] * dim, w.chunkX, b * dim, dim);
            System.arraycopy(positions, second[k] * dim, w.chunkY, b * dim, dim);
        }
        long t = System.nanoTime();
        // Every pair announced here is asked for below, on this worker's instance, at this θ, before
        // its next prepare: a space that keeps what prepare solved (ModelSpace: each pair's logarithm,
        // used once by that pair's distance call, as a first guess) has none of it left for a later
        // call at other points or θ (PairEvaluatorTest; examples' PreparedStateTest: even a stale one
        // would only be a first guess).
        w.space.prepare(end - c * chunk, w.pairs, w.chunkX, w.chunkY, theta);
        nanos += System.nanoTime() - t;
        for (int p = c * chunk; p < end; p++) {
            int k = order[from + p];
            System.arraycopy(positions, first[k] * dim, w.x, 0, dim);
            System.arraycopy(positions, second[k] * dim, w.y, 0, dim);
            long t0 = System.nanoTime();
            PairDistance d = chain && donor[p] >= 0 && w.space instanceof WarmStartedSpace ws
                    ? ws.distanceFrom(k, donor[p], w.x, w.y, theta, w.gx, w.gy, w.gTheta)
                    : w.space.distance(k, w.x, w.y, theta, w.gx, w.gy, w.gTheta);
            nanos += System.nanoTime() - t0;
            // a failure is kept with its status (an OK outcome has finite gradients)
            pairDistance.set(p, d);
            int base = p * 2 * dim;
            System.arraycopy(w.gx, 0, pairGrad, base, dim);
            System.arraycopy(w.gy, 0, pairGrad, base + dim, dim);
            System.arraycopy(w.gTheta, 0, pairTheta, p * params, params);
        }
        chunkNanos[c] = nanos;
    }

    /**
     * The scale s that minimises the last batch's Σℓ(s·d_M, d_G) over its pairs whose distance
     * was computed ({@link PairLoss#optimalScale}), or {@code fallback} when there are none.
     */
    double solvedScale(double fallback) {
        int n = 0;
        for (int p = 0; p < count; p++) {
            if (!pairDistance.isFailed(p)) {
                scratchD[n] = pairDistance.value(p);
                scratchG[n] = target.distanceOfPair(order[from + p]);
                n++;
            }
        }
        double s = n == 0 ? fallback : loss.optimalScale(scratchD, scratchG, n);
        return Double.isFinite(s) && s > 0 ? s : fallback;
    }

    /** Replaces the scale s of the last batch (before {@link #reduce}), for instance by {@link #solvedScale}. */
    void scale(double value) {
        this.scale = value;
    }

    /**
     * Adds the last batch's pairs in a fixed order (pair order, on the calling thread): the sums
     * over its successful pairs of ∂ℓ/∂positions into {@code gradPositions} and of ∂ℓ/∂θ into
     * {@code gradTheta} (both overwritten, not divided by the count), and the scalar sums into this
     * evaluator's fields, for ℓ(s·d_M, d_G) with the current scale s. A pair fails when its
     * distance, its gradients or its loss is not finite.
     */
    void reduce(double[] gradPositions, double[] gradTheta) {
        if (worstCase) {
            reduceWorstCase(gradPositions, gradTheta);
            return;
        }
        Arrays.fill(gradPositions, 0);
        Arrays.fill(gradTheta, 0);
        lossSum = 0;
        sigmaGradient = 0;
        failures = 0;
        firstFailedPair = -1;
        distanceNanos = 0;
        for (int p = 0; p < count; p++) {
            int k = order[from + p];
            boolean failed = pairDistance.isFailed(p);
            double e = failed ? 0 : scale * pairDistance.value(p);
            double g = target.distanceOfPair(k);
            double l = failed ? 0 : loss.value(e, g);
            double dl = failed ? 0 : loss.derivative(e, g);
            if (failed || !Double.isFinite(l) || !Double.isFinite(dl)) {
                failures++;
                firstFailedPair = firstFailedPair < 0 ? k : firstFailedPair;
                continue;
            }
            lossSum += l;
            sigmaGradient += e * dl;
            double dd = scale * dl;
            int base = p * 2 * dim;
            int i = first[k] * dim;
            int j = second[k] * dim;
            for (int a = 0; a < dim; a++) {
                gradPositions[i + a] += dd * pairGrad[base + a];
                gradPositions[j + a] += dd * pairGrad[base + dim + a];
            }
            int t = p * params;
            for (int q = 0; q < params; q++) {
                gradTheta[q] += dd * pairTheta[t + q];
            }
        }
        int chunks = (count + chunk - 1) / chunk;
        for (int c = 0; c < chunks; c++) {
            distanceNanos += chunkNanos[c];
        }
        succeeded = count - failures;
    }

    /**
     * {@link #reduce} for the {@link SoftWorstCase} objective of the whole batch: lossSum is
     * L·succeeded and the gradients are succeeded·∂L/∂(positions, θ), so that the caller's mean
     * is L and its gradient; failed pairs are left out of L.
     */
    private void reduceWorstCase(double[] gradPositions, double[] gradTheta) {
        Arrays.fill(gradPositions, 0);
        Arrays.fill(gradTheta, 0);
        failures = 0;
        firstFailedPair = -1;
        distanceNanos = 0;
        for (int p = 0; p < count; p++) {
            int k = order[from + p];
            scratchG[p] = target.distanceOfPair(k);
            if (pairDistance.isFailed(p)) {
                failures++;
                firstFailedPair = firstFailedPair < 0 ? k : firstFailedPair;
            }
        }
        succeeded = count - failures;
        double value = SoftWorstCase.of(pairDistance, scratchG, count, temperature, scratchD);
        lossSum = value * succeeded;
        sigmaGradient = 0;
        for (int p = 0; p < count; p++) {
            if (pairDistance.isFailed(p)) {
                continue;
            }
            int k = order[from + p];
            double dd = succeeded * scratchD[p];
            int base = p * 2 * dim;
            int i = first[k] * dim;
            int j = second[k] * dim;
            for (int a = 0; a < dim; a++) {
                gradPositions[i + a] += dd * pairGrad[base + a];
                gradPositions[j + a] += dd * pairGrad[base + dim + a];
            }
            int t = p * params;
            for (int q = 0; q < params; q++) {
                gradTheta[q] += dd * pairTheta[t + q];
            }
        }
        int chunks = (count + chunk - 1) / chunk;
        for (int c = 0; c < chunks; c++) {
            distanceNanos += chunkNanos[c];
        }
    }

    /**
     * Makes {@link #reduce} use the {@link SoftWorstCase} objective of the whole batch instead of
     * the mean pair loss (the scale and the pair loss are then ignored: the objective is scale-free).
     */
    void worstCase(boolean value) {
        this.worstCase = value;
    }

    /** Sets τ of the {@link SoftWorstCase} objective (by default {@link SoftWorstCase#TEMPERATURE}). */
    void temperature(double tau) {
        this.temperature = tau;
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
        /** A chunk's pair indices and end points, for {@link EmbeddingSpace#prepare}. */
        final int[] pairs;
        final double[] chunkX;
        final double[] chunkY;

        Worker(EmbeddingSpace space, int dim, int params, int width) {
            this.pairs = new int[width];
            this.chunkX = new double[width * dim];
            this.chunkY = new double[width * dim];
            this.space = space;
            this.x = new double[dim];
            this.y = new double[dim];
            this.gx = new double[dim];
            this.gy = new double[dim];
            this.gTheta = new double[params];
        }
    }
}
