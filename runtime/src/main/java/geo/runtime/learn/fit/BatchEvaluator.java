package geo.runtime.learn.fit;

import geo.runtime.api.BatchLossKernels;
import geo.runtime.api.LossKernels;
import geo.runtime.data.table.DataSet;
import geo.runtime.parallel.WorkerPool;
import java.util.Arrays;

/**
 * Sums of a compiled loss ℓ(in; θ) and its θ-gradient over rows of a data set, on a
 * {@link WorkerPool} with one {@link LossKernels} instance per worker. The rows of a pass are cut
 * into chunks by a rule that depends only on the number of rows and the length of θ (never on the
 * thread count); each chunk sums its rows in order into its own slot, and the slots are reduced in
 * chunk order on the caller's thread. So a sum is formed in one fixed order and 1 and 2 threads give
 * the same bits.
 *
 * <p>When the compiled loss has a batch kernel ({@link BatchLossKernels}: every loss the compiler
 * can batch, which is every loss it compiles today) a gradient pass uses it: a chunk's rows are
 * copied into the kernel's structure-of-arrays work ({@link #LANES} rows at a time, in order), the
 * kernel adds their θ-gradient into the chunk's slot, and the chunk's loss sum adds the rows' losses
 * in order; chunks are at least {@link #BATCH_CHUNK_ROWS} rows. Otherwise (a model jar compiled
 * before batch kernels, or a loss the compiler did not batch) each row is evaluated by
 * {@link LossKernels#lossGradient} and added. Both compute tanh as {@code geo.runtime.api.Tanh} (the same
 * bits since session 12); they differ in where the chunks begin, so their sums agree to about 1e-13
 * relative, not bit for bit; each is the same for any thread count.
 */
final class BatchEvaluator implements AutoCloseable {

    /** The fewest rows a chunk holds (fewer would spend more on reductions than on rows). */
    static final int CHUNK_ROWS = 16;
    /** The most chunk slots of gradients: their memory is slots × |θ| doubles. */
    static final int MAX_SLOTS = 256;
    /** The most doubles all gradient slots may hold together. */
    static final long MAX_SLOT_DOUBLES = 8_000_000;
    /**
     * The fewest rows a chunk of the batch kernel holds: one kernel call. A batch of 64 is one call
     * of 64 rows, a batch of 256 two chunks of 128 (two threads still share it): with the Vector API
     * loops a batch-256 epoch took 126–129 ms of CPU against 134–147 with four chunks of 64 (three
     * alternating runs each, one thread; session 7 measured 64 better than two calls of 32).
     */
    static final int BATCH_CHUNK_ROWS = 128;
    /** The most rows one call of the batch kernel takes (its work, 128 × the plan's slots, stays in the L2 cache). */
    static final int LANES = 128;

    private static final class Worker {
        final LossKernels loss;
        final double[] in;
        final double[] gIn;
        final double[] gTheta;
        /** The batch kernel and its work, or null. */
        final BatchLossKernels batch;
        final double[][] work;

        Worker(LossKernels loss, int width, int p) {
            this.loss = loss;
            this.in = new double[width];
            this.gIn = new double[width];
            this.gTheta = new double[p];
            this.batch = loss instanceof BatchLossKernels b ? b : null;
            this.work = batch == null ? null : BatchLossKernels.work(batch, LANES);
        }
    }

    private final WorkerPool<Worker> pool;
    private final LossKernels serial;
    private final NoiseDraws noise;
    private final long seed;
    private final int p;
    private final int maxSlots;
    private final double[][] slotGradient;
    private final double[] slotLoss;
    private final int[] slotFirstBad;

    /** The loss sum of the last pass. */
    double lossSum;
    /** The gradient sum of the last {@link #gradient} pass (length |θ|). */
    final double[] gradientSum;
    /** The position (in the pass's order) of the first row whose loss was not finite, or −1. */
    int firstBad;

    BatchEvaluator(LossKernels prototype, int width, int p, NoiseDraws noise, long seed, int threads) {
        this.p = p;
        this.noise = noise;
        this.seed = seed;
        this.maxSlots = (int) Math.max(1, Math.min(MAX_SLOTS, MAX_SLOT_DOUBLES / Math.max(1, p)));
        this.slotGradient = new double[maxSlots][];
        this.slotLoss = new double[maxSlots];
        this.slotFirstBad = new int[maxSlots];
        this.gradientSum = new double[p];
        this.serial = prototype;
        this.batched = prototype instanceof BatchLossKernels;
        this.pool = new WorkerPool<>(threads, i -> new Worker((LossKernels) prototype.copy(), width, p),
                "loss gradients");
    }

    /** Whether gradient passes use the batch kernel. */
    final boolean batched;

    /** The rows a chunk of a pass over {@code count} rows holds. */
    private int chunkRows(int count, boolean batch) {
        return Math.max(batch ? BATCH_CHUNK_ROWS : CHUNK_ROWS, (count + maxSlots - 1) / maxSlots);
    }

    /**
     * Σ ℓ and Σ ∇_θ ℓ over rows order[from … from + count) of {@code data} into {@link #lossSum}
     * and {@link #gradientSum}, the noise of {@code stream}.
     */
    void gradient(DataSet data, int[] order, int from, int count, double[] theta, long stream) {
        int per = chunkRows(count, batched);
        int chunks = (count + per - 1) / per;
        pool.run(chunks, (w, c) -> {
            double[] g = slotGradient[c];
            if (g == null) {
                g = new double[p];
                slotGradient[c] = g;
            } else {
                Arrays.fill(g, 0);
            }
            int first = c * per;
            int end = Math.min(count, first + per);
            if (w.batch != null) {
                batchChunk(w, data, order, from, first, end, theta, stream, g, c);
                return;
            }
            double sum = 0;
            int bad = -1;
            for (int k = first; k < end; k++) {
                int row = order[from + k];
                data.row(row, w.in);
                noise.fill(w.in, seed, stream, row);
                double l = w.loss.lossGradient(w.in, theta, w.gIn, w.gTheta);
                if (!Double.isFinite(l) && bad < 0) {
                    bad = k;
                }
                sum += l;
                double[] gt = w.gTheta;
                for (int i = 0; i < gt.length; i++) {
                    g[i] += gt[i];
                }
            }
            slotLoss[c] = sum;
            slotFirstBad[c] = bad;
        });
        Arrays.fill(gradientSum, 0);
        lossSum = 0;
        firstBad = -1;
        for (int c = 0; c < chunks; c++) {
            lossSum += slotLoss[c];
            if (firstBad < 0) {
                firstBad = slotFirstBad[c];
            }
            double[] g = slotGradient[c];
            for (int i = 0; i < p; i++) {
                gradientSum[i] += g[i];
            }
        }
    }

    /**
     * Chunk {@code c} (rows first … end of the pass) by the batch kernel, {@link #LANES} rows a call:
     * the θ-gradient into {@code g}, the losses added in row order.
     */
    private void batchChunk(Worker w, DataSet data, int[] order, int from, int first, int end, double[] theta,
                            long stream, double[] g, int c) {
        double[][] work = w.work;
        int lossSlot = w.batch.batchLossSlot();
        double sum = 0;
        int bad = -1;
        for (int k0 = first; k0 < end; k0 += LANES) {
            int n = Math.min(LANES, end - k0);
            for (int b = 0; b < n; b++) {
                int row = order[from + k0 + b];
                data.row(row, w.in);
                noise.fill(w.in, seed, stream, row);
                for (int i = 0; i < w.in.length; i++) {
                    work[i][b] = w.in[i];
                }
            }
            w.batch.lossGradientBatch(n, work, theta, g);
            double[] losses = work[lossSlot];
            for (int b = 0; b < n; b++) {
                double l = losses[b];
                if (!Double.isFinite(l) && bad < 0) {
                    bad = k0 + b;
                }
                sum += l;
            }
        }
        slotLoss[c] = sum;
        slotFirstBad[c] = bad;
    }

    /** Σ ℓ over rows order[from … from + count) into {@link #lossSum} (and {@link #firstBad}), no gradient. */
    void loss(DataSet data, int[] order, int from, int count, double[] theta, long stream) {
        int per = chunkRows(count, false);
        int chunks = (count + per - 1) / per;
        pool.run(chunks, (w, c) -> {
            double sum = 0;
            int bad = -1;
            for (int k = c * per, end = Math.min(count, k + per); k < end; k++) {
                int row = order[from + k];
                data.row(row, w.in);
                noise.fill(w.in, seed, stream, row);
                double l = w.loss.loss(w.in, theta);
                if (!Double.isFinite(l) && bad < 0) {
                    bad = k;
                }
                sum += l;
            }
            slotLoss[c] = sum;
            slotFirstBad[c] = bad;
        });
        lossSum = 0;
        firstBad = -1;
        for (int c = 0; c < chunks; c++) {
            lossSum += slotLoss[c];
            if (firstBad < 0) {
                firstBad = slotFirstBad[c];
            }
        }
    }

    /**
     * The position (in the pass's order, from {@code from}) of the first row whose θ-gradient has a
     * non-finite entry, or −1: the slow search, on this thread, after a pass whose sum was not finite.
     */
    int firstNonFiniteGradient(DataSet data, int[] order, int from, int count, double[] theta, long stream) {
        double[] in = new double[data.width()];
        double[] gIn = new double[data.width()];
        double[] g = new double[p];
        for (int k = 0; k < count; k++) {
            int row = order[from + k];
            data.row(row, in);
            noise.fill(in, seed, stream, row);
            serial.lossGradient(in, theta, gIn, g);
            for (double gi : g) {
                if (!Double.isFinite(gi)) {
                    return k;
                }
            }
        }
        return -1;
    }

    @Override
    public void close() {
        pool.close();
    }
}
