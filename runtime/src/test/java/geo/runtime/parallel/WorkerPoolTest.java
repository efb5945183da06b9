package geo.runtime.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The worker pool: every chunk once, per-worker state, slot-wise results independent of the thread count. */
class WorkerPoolTest {

    /** Chunk sums of badly scaled terms, reduced in chunk order: the same bits for 1 to 4 threads. */
    @Test
    void slotResultsReducedInOrderDoNotDependOnTheThreadCount() {
        int chunks = 97;
        double[] reference = null;
        for (int threads = 1; threads <= 4; threads++) {
            double[] slots = new double[chunks];
            AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
            try (WorkerPool<double[]> pool = new WorkerPool<>(threads, i -> new double[1], "sums")) {
                assertEquals(threads, pool.threads());
                pool.run(chunks, (scratch, c) -> {
                    scratch[0] = 0;
                    for (int k = 0; k < 50; k++) {
                        scratch[0] += Math.pow(10, (c * 7 + k) % 17 - 8) * (k % 3 - 1);
                    }
                    slots[c] = scratch[0];
                    runs.incrementAndGet(c);
                });
            }
            double total = 0;
            for (int c = 0; c < chunks; c++) {
                assertEquals(1, runs.get(c), "chunk " + c);
                total += slots[c];
            }
            double[] result = {total};
            if (reference == null) {
                reference = result;
            }
            assertArrayEquals(reference, result, 0.0, threads + " threads");
        }
    }

    @Test
    void aChunksRuntimeExceptionKeepsItsType() {
        IllegalArgumentException thrown = new IllegalArgumentException("chunk 3");
        for (int threads = 1; threads <= 2; threads++) {
            try (WorkerPool<Object> pool = new WorkerPool<>(threads, i -> new Object(), "things")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.run(8, (w, c) -> {
                    if (c == 3) {
                        throw thrown;
                    }
                }));
                // ForkJoinPool may rethrow a copy made on the waiting thread, with the original as its cause.
                assertTrue(e == thrown || e.getCause() == thrown, e.toString());
            }
        }
    }

    @Test
    void oneThreadRunsOnTheCallerInOrder() {
        Thread caller = Thread.currentThread();
        StringBuilder order = new StringBuilder();
        try (WorkerPool<StringBuilder> pool = new WorkerPool<>(1, i -> order, "letters")) {
            pool.run(4, (w, c) -> {
                assertSame(caller, Thread.currentThread());
                w.append(c);
            });
        }
        assertEquals("0123", order.toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new WorkerPool<>(0, i -> 1, "x"))
                .getMessage().contains("threads"));
    }
}
