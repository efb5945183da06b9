package geo.compiler.ast;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs recursive walks of the AST on a thread with a large stack. Parsing, checking and the
 * lowering to IR follow the nesting of the source (brackets, operator chains such as
 * {@code a + a + … + a}, unary chains such as {@code - - - 1}, chains of lets and defs), and a
 * user may nest expressions thousands deep; the default stack of the main thread (often 512 KiB
 * to 1 MiB) is not enough for that. Every stage after lowering works on the IR DAG, whose
 * traversals are iterative, and needs no deep stack.
 */
public final class DeepStack {

    /** Stack size of the compiler thread: generous, and only reserved, not committed, memory. */
    public static final long STACK_BYTES = 1L << 30;

    /** Whether the current thread is a deep-stack thread (nested calls then run in place). */
    private static final ThreadLocal<Boolean> DEEP = new ThreadLocal<>() {
        @Override
        protected Boolean initialValue() {
            return Boolean.FALSE;
        }
    };

    private DeepStack() {
    }

    /**
     * Returns {@code work.get()} computed on a deep-stack thread, or directly when the caller
     * already is one.
     *
     * @throws StackOverflowError if even that stack overflowed (callers turn it into a diagnostic)
     */
    public static <T> T run(Supplier<T> work) {
        if (DEEP.get()) {
            return work.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // Anonymous classes, not lambdas: every geo check runs through here, and linking a
        // program's first lambda costs several milliseconds of start-up (issue 23).
        Runnable body = new Runnable() {
            @Override
            public void run() {
                DEEP.set(Boolean.TRUE);
                try {
                    result.set(work.get());
                } catch (Throwable e) {
                    failure.set(e);
                }
            }
        };
        Thread t = new Thread(null, body, "geo-compiler", STACK_BYTES);
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
