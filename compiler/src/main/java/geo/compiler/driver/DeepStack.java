package geo.compiler.driver;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs recursive compiler work on a thread with a large stack. Parsing and checking follow the
 * nesting of the source, and a user may nest expressions thousands deep; the default stack of
 * the main thread (often 512 KiB to 1 MiB) is not enough for that.
 */
public final class DeepStack {

    /** Stack size of the compiler thread: generous, and only reserved, not committed, memory. */
    public static final long STACK_BYTES = 1L << 30;

    private DeepStack() {
    }

    /**
     * Returns {@code work.get()} computed on a deep-stack thread.
     *
     * @throws StackOverflowError if even that stack overflowed (callers turn it into a diagnostic)
     */
    public static <T> T run(Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "geo-compiler", STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling", e);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return result.get();
    }
}
