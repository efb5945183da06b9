package geo.cli.repl;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Tells the user that long work (a large compile) is still going. On a terminal it keeps one
 * line up to date ({@code compiling... 3 s}) and erases it at the end; otherwise it prints a plain
 * line on standard error every few seconds, so that a scripted session's standard output stays
 * the same however fast the machine is. Short work prints nothing at all.
 */
final class Progress implements AutoCloseable {

    private static final long TERMINAL_FIRST_MS = 1000;
    private static final long TERMINAL_EVERY_MS = 1000;
    private static final long PLAIN_FIRST_MS = 5000;
    private static final long PLAIN_EVERY_MS = 5000;

    private final Thread ticker;
    private final PrintWriter terminal;
    private boolean printed;
    private final Object lock = new Object();
    private boolean done;

    private Progress(PrintWriter terminal, PrintStream plain, String what, long first, long every) {
        this.terminal = terminal;
        long start = System.nanoTime();
        ticker = new Thread(() -> {
            long wait = first;
            while (true) {
                synchronized (lock) {
                    if (done) {
                        return;
                    }
                    try {
                        lock.wait(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (done) {
                        return;
                    }
                    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                    if (terminal != null) {
                        terminal.print("\r" + what + "... " + seconds + " s");
                        terminal.flush();
                    } else {
                        plain.println("geo repl: still " + what + " (" + seconds + " s)");
                    }
                    printed = true;
                }
                wait = every;
            }
        }, "geo-repl-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /**
     * Starts reporting on {@code what} ("compiling").
     *
     * @param terminal the terminal's writer when on a terminal, else null
     * @param plain    where plain progress lines go when not on a terminal
     */
    static Progress start(PrintWriter terminal, PrintStream plain, String what) {
        return terminal != null ? start(terminal, plain, what, TERMINAL_FIRST_MS, TERMINAL_EVERY_MS)
                : start(null, plain, what, PLAIN_FIRST_MS, PLAIN_EVERY_MS);
    }

    /** As {@link #start(PrintWriter, PrintStream, String)}, reporting first after {@code firstMs}, then every {@code everyMs}. */
    static Progress start(PrintWriter terminal, PrintStream plain, String what, long firstMs, long everyMs) {
        return new Progress(terminal, plain, what, firstMs, everyMs);
    }

    @Override
    public void close() {
        synchronized (lock) {
            done = true;
            lock.notifyAll();
        }
        try {
            ticker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (printed && terminal != null) {
            terminal.print("\r\033[K");
            terminal.flush();
        }
    }
}
