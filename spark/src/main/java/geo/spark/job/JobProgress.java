package geo.spark.job;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Progress of a running job on standard error: every {@code seconds} seconds, the rows done out of
 * the total and the rate so far. The executors add to a Spark accumulator as they finish rows; the
 * driver sees a task's additions when the task ends, so the figure moves task by task (and may
 * count a retried task's rows twice: it is a progress display, not the summary, which counts the
 * written output).
 */
final class JobProgress implements AutoCloseable {

    private final LongAccumulator done;
    private final Thread printer;
    private final long start = System.nanoTime();

    private JobProgress(LongAccumulator done, Thread printer) {
        this.done = done;
        this.printer = printer;
    }

    /** The accumulator tasks add their finished rows to. */
    LongAccumulator counter() {
        return done;
    }

    /**
     * Starts reporting (no thread when {@code seconds} ≤ 0).
     *
     * @param what the prefix and the unit, e.g. "geo-spark dist" and "pairs"
     */
    static JobProgress start(SparkSession spark, String what, String unit, long total, int seconds, PrintStream err) {
        LongAccumulator acc = spark.sparkContext().longAccumulator(what + " " + unit);
        long t0 = System.nanoTime();
        Thread t = null;
        if (seconds > 0) {
            t = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(seconds * 1000L);
                        long n = acc.value();
                        double s = (System.nanoTime() - t0) * 1e-9;
                        err.println(String.format(Locale.ROOT, "%s: %d/%d %s (%.0f%%), %.0f %s/s", what, n, total,
                                unit, 100.0 * n / Math.max(1, total), n / s, unit));
                    }
                } catch (InterruptedException e) {
                    // close(): the job is over
                }
            }, "geo-spark progress");
            t.setDaemon(true);
            t.start();
        }
        return new JobProgress(acc, t);
    }

    /** Seconds since the start. */
    double seconds() {
        return (System.nanoTime() - start) * 1e-9;
    }

    @Override
    public void close() {
        if (printer != null) {
            printer.interrupt();
        }
    }
}
