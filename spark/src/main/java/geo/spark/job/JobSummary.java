package geo.spark.job;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a finished job reports: the rows written, their counts by status (every row of the output,
 * counted from the written dataset, so a retried task is not counted twice), the wall time of the
 * solve and write, the throughput, and the first bad and failed rows.
 *
 * @param job        "dist" or "cost"
 * @param unit       "pairs" or "entries"
 * @param rows       the rows written (every input row, failures included)
 * @param counts     rows by status name, in the status enum's order, zero counts left out
 * @param ok         the status of a success ("CONVERGED", "OK")
 * @param seconds    the wall time of the solve-and-write job
 * @param master     the Spark master, e.g. {@code local[2]}
 * @param cores      the cores Spark ran tasks on (its default parallelism)
 * @param partitions the number of tasks
 * @param unreadable the input rows that could not be read (pairs; for the cost job, cloud lines)
 * @param badRows    the first unreadable rows, with where they are and why
 * @param failures   the first rows whose solve failed, with their status and why
 * @param out        where the dataset was written
 */
public record JobSummary(String job, String unit, long rows, Map<String, Long> counts, String ok, double seconds,
                         String master, int cores, int partitions, long unreadable, List<String> badRows,
                         List<String> failures,
                         String out) {

    /** How many bad or failed rows the summary lists. */
    public static final int LISTED = 10;

    public JobSummary {
        counts = Map.copyOf(counts);
        badRows = List.copyOf(badRows);
        failures = List.copyOf(failures);
    }

    /** Rows per second of wall time. */
    public double throughput() {
        return rows / seconds;
    }

    /** Rows that could not be read. */
    public long bad() {
        return counts.getOrDefault("BAD_INPUT", 0L);
    }

    /** Rows that were read but whose solve did not succeed. */
    public long failed() {
        return rows - counts.getOrDefault(ok, 0L) - bad();
    }

    /** 0 when every row succeeded; 64 when some row could not be read; else 70 (some solve failed). */
    public int exitCode() {
        return bad() > 0 ? 64 : failed() > 0 ? 70 : 0;
    }

    /** The summary on {@code out}; the bad and failed rows on {@code err}. */
    public void print(PrintStream out, PrintStream err, List<String> statusOrder) {
        out.println(String.format(Locale.ROOT, "geo-spark %s: %d %s in %.1f s (%.0f %s/s) on %s (%d cores, %d tasks)",
                job, rows, unit, seconds, throughput(), unit, master, cores, partitions));
        for (String s : statusOrder) {
            Long n = counts.get(s);
            if (n != null && n > 0) {
                out.println(String.format(Locale.ROOT, "  %-18s %d", s, n));
            }
        }
        out.println("wrote " + this.out);
        for (String b : badRows) {
            err.println("geo-spark " + job + ": " + b);
        }
        if (unreadable > badRows.size()) {
            err.println("geo-spark " + job + ": " + (unreadable - badRows.size()) + " more unreadable rows");
        }
        for (String f : failures) {
            err.println("geo-spark " + job + ": " + f);
        }
        if (failed() > failures.size()) {
            err.println("geo-spark " + job + ": " + (failed() - failures.size()) + " more failed " + unit);
        }
    }

}
