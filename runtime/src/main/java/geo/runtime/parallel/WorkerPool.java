package geo.runtime.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * N worker threads, each with its own worker state W (a solver, a space instance, scratch arrays),
 * that run the chunks 0 … c−1 of a job, each chunk once, in any order. Determinism is the
 * caller's part, and the reason for this shape: a chunk writes only its own result slots (per item
 * or per chunk), and the caller then reduces the slots in chunk order on its own thread, so every
 * floating-point sum is formed in one fixed order whatever the thread count and the scheduling.
 * (Per-thread accumulators would be cheaper to reduce but would make results depend on which
 * thread took which chunk.)
 *
 * <p>With one thread there is no pool: chunks run on the calling thread, in order. Worker i's state
 * is made by the factory, with i, the first time that worker takes a chunk (on that worker's
 * thread), and kept for later jobs. An exception thrown by a chunk ends the job and is rethrown by
 * {@link #run} (a {@link RuntimeException} with its own type).
 *
 * @param <W> the per-worker state
 */
public final class WorkerPool<W> implements AutoCloseable {

    /** The work of one chunk, on a worker's state. */
    @FunctionalInterface
    public interface ChunkTask<W> {
        void run(W worker, int chunk);
    }

    private final IntFunction<W> factory;
    private final List<W> workers;
    private final ForkJoinPool pool;
    private final String what;

    /**
     * @param threads worker threads, ≥ 1
     * @param factory makes worker i's state (i = 0 … threads−1)
     * @param what    what the jobs compute, for the message of an interruption (e.g. "pair distances")
     */
    public WorkerPool(int threads, IntFunction<W> factory, String what) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        this.factory = factory;
        this.workers = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            workers.add(null);
        }
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
        this.what = what;
    }

    /** The number of workers. */
    public int threads() {
        return workers.size();
    }

    /** Runs {@code task} on chunks 0 … chunks−1, each once, on the workers; returns when all are done. */
    public void run(int chunks, ChunkTask<W> task) {
        if (pool == null) {
            W w = worker(0);
            for (int c = 0; c < chunks; c++) {
                task.run(w, c);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> jobs = new ArrayList<>(workers.size());
        for (int i = 0; i < workers.size(); i++) {
            int id = i;
            jobs.add(() -> {
                W w = null;
                for (int c; (c = next.getAndIncrement()) < chunks; ) {
                    w = w != null ? w : worker(id);
                    task.run(w, c);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a worker failed while computing " + what + ": " + e.getCause(),
                    e.getCause());
        }
    }

    /**
     * Worker i's state, made on first use. No lock: within a job index i belongs to one thread, and
     * {@code invokeAll} orders one job's writes before the next job's reads.
     */
    private W worker(int i) {
        W w = workers.get(i);
        if (w == null) {
            w = factory.apply(i);
            workers.set(i, w);
        }
        return w;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
