package geo.cli.common;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * Tells the user that long work is still going, on standard error and never on standard output,
 * so that results stay the same however fast the machine is. Short work prints nothing at all:
 * the first report comes only after a delay (1 s on a terminal, 5 s otherwise).
 * <ul>
 *   <li>Determinate work (a known total: pairs, epochs) shows done/total, a bar, the rate and the
 *       estimated time left; indeterminate work (total 0: a compile) shows the elapsed time.</li>
 *   <li>On a terminal one line is redrawn in place and erased at the end; otherwise a plain line
 *       {@code geo dist: distances 1200/5000 (24%), 310/s, 4 s, about 12 s left} is printed every
 *       few seconds.</li>
 * </ul>
 * {@link #advance()} and {@link #set} may be called from any thread; a daemon thread prints.
 *
 * <pre>{@code
 * try (Progress p = Progress.start(Progress.Output.of(io, "geo embed"), "training", epochs)) {
 *     for (int e = 0; e < epochs; e++) { ...; p.set(e + 1, "loss " + loss); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {

    private static final int BAR_WIDTH = 24;

    /**
     * Where and how progress is shown.
     *
     * @param writer   the terminal, or the stream plain lines go to
     * @param terminal whether {@code writer} is a terminal whose current line may be redrawn
     * @param prefix   what plain lines start with ({@code "geo dist"}), unused on a terminal
     * @param firstMs  how long work runs before the first report
     * @param everyMs  how often the report is renewed after that
     */
    public record Output(PrintWriter writer, boolean terminal, String prefix, long firstMs, long everyMs) {

        /** Redraws one line of {@code terminal}: first after 1 s, then every 0.25 s. */
        public static Output terminal(PrintWriter terminal) {
            return new Output(terminal, true, "", 1000, 250);
        }

        /** Plain lines {@code "prefix: ..."} on {@code err}: first after 5 s, then every 5 s. */
        public static Output plain(PrintStream err, String prefix) {
            return new Output(new PrintWriter(err, true, StandardCharsets.UTF_8), false, prefix, 5000, 5000);
        }

        /**
         * The output for a command run with {@code io}: a redrawn line when the run is on the
         * process's terminal, plain lines on {@code io.err()} otherwise (tests replace the decision
         * with {@link #detector}).
         */
        public static Output of(Io io, String prefix) {
            return detector.apply(io, prefix);
        }

        /** The same output with other delays. */
        public Output every(long first, long every) {
            return new Output(writer, terminal, prefix, first, every);
        }

        // System.console() is non-null exactly when standard input and output are a terminal (Java 17);
        // the run's input being System.in tells a real run from a test's streams.
        private static Output detect(Io io, String prefix) {
            return io.in() == System.in && System.console() != null
                    ? terminal(new PrintWriter(io.err(), true, StandardCharsets.UTF_8))
                    : plain(io.err(), prefix);
        }
    }

    /** Decides the {@link Output} of a command's run; package-private so that tests can replace it. */
    public static BiFunction<Io, String, Output> detector = Output::detect;

    private final Output output;
    private final String what;
    private final long total;
    private final LongAdder advanced = new LongAdder();
    private final LongAccumulator setTo = new LongAccumulator(Math::max, 0);
    private volatile String message = "";
    private final long start = System.nanoTime();
    private final Object lock = new Object();
    private final Thread ticker;
    private boolean done;
    private boolean printed;

    private Progress(Output output, String what, long total) {
        this.output = output;
        this.what = what;
        this.total = total;
        ticker = new Thread(this::tick, "geo-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /**
     * Starts reporting on {@code what} ("distances", "training", "compiling").
     *
     * @param total the amount of work (pairs, epochs), or 0 when it is not known
     */
    public static Progress start(Output output, String what, long total) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be ≥ 0, got " + total);
        }
        return new Progress(output, what, total);
    }

    /** One more unit of work is done (thread-safe). */
    public void advance() {
        advanced.increment();
    }

    /** {@code n} more units of work are done (thread-safe). */
    public void advance(long n) {
        advanced.add(n);
    }

    /**
     * {@code done} units are done, with a short note shown after the count (for example
     * {@code "loss 0.0123"}; empty for none). Counts from {@link #advance} add to the largest
     * {@code done} set so far.
     */
    public void set(long done, String note) {
        setTo.accumulate(done);
        message = note == null ? "" : note;
    }

    /** The units done so far. */
    public long done() {
        return setTo.get() + advanced.sum();
    }

    private void tick() {
        long wait = output.firstMs();
        synchronized (lock) {
            while (!done) {
                try {
                    // wait(0) would wait for ever
                    lock.wait(Math.max(1, wait));
                } catch (InterruptedException e) {
                    return;
                }
                if (done) {
                    return;
                }
                String line = line((System.nanoTime() - start) / 1e9);
                if (output.terminal()) {
                    output.writer().print("\r\033[K" + line);
                } else {
                    output.writer().println(output.prefix() + ": " + line);
                }
                output.writer().flush();
                printed = true;
                wait = output.everyMs();
            }
        }
    }

    /** The report after {@code seconds} of work. */
    public String line(double seconds) {
        long n = Math.min(done(), total > 0 ? total : Long.MAX_VALUE);
        String note = message.isEmpty() ? "" : ", " + message;
        if (total == 0) {
            return (output.terminal() ? what + "... " : "still " + what + " (") + duration(seconds)
                    + (output.terminal() ? "" : ")") + note;
        }
        double fraction = (double) n / total;
        StringBuilder out = new StringBuilder(what).append(' ');
        if (output.terminal()) {
            int filled = (int) (fraction * BAR_WIDTH);
            out.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
        }
        out.append(n).append('/').append(total).append(" (").append((int) Math.floor(fraction * 100)).append("%)");
        double rate = seconds > 0 ? n / seconds : 0;
        if (rate > 0) {
            out.append(", ").append(rate >= 10 ? String.valueOf(Math.round(rate))
                    : String.format(Locale.ROOT, "%.2f", rate)).append("/s");
        }
        out.append(", ").append(duration(seconds));
        if (rate > 0 && n < total) {
            out.append(", about ").append(duration((total - n) / rate)).append(" left");
        }
        return out.append(note).toString();
    }

    /** 42 s, 3 min 05 s, 2 h 07 min. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }

    /** Stops reporting; on a terminal erases the progress line if one was drawn. */
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
        if (printed && output.terminal()) {
            output.writer().print("\r\033[K");
            output.writer().flush();
        }
    }
}
