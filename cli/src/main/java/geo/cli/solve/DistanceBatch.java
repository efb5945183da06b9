package geo.cli.solve;

import geo.cli.common.NumberList;
import geo.cli.common.Progress;
import geo.cli.common.UsageException;
import geo.runtime.bvp.Batch;
import geo.runtime.bvp.BatchDistances;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.load.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code geo dist --pairs FILE.csv}: the distance of every pair of points in a file, computed on
 * several threads, the logarithms in batches ({@link BatchDistances}) or pair by pair
 * ({@link Batch#distances}; {@code --batch}), with progress on standard error for long runs.
 */
final class DistanceBatch {

    /** The largest pairs file: it is read whole, with every pair and its result kept. */
    static final long MAX_FILE_BYTES = 256L << 20;
    /** How many bad input lines, or failed pairs, a message lists by line number. */
    private static final int LISTED = 10;

    /**
     * {@code --batch auto} shoots in batches from this many pairs on. Below it the JIT compilation
     * and the slow first runs of the batch kernels (about 1.5 s of CPU with the vector module on the
     * benchmark machine) cost more than batching saves (bench/RESULTS.md, "Batched shooting").
     */
    static final int BATCH_FROM = 10_000;

    /** {@code --batch}: whether the logarithms are shot in batches (constants named as typed on the command line). */
    enum Mode {
        auto, on, off;

        /** Whether a file of {@code pairs} pairs is shot in batches. */
        boolean batched(int pairs) {
            return this == on || (this == auto && pairs >= BATCH_FROM);
        }
    }

    /** The pairs of a file: x and y of each, and the line it came from (1-based). */
    record Pairs(double[][] xs, double[][] ys, int[] lines) {
    }

    private DistanceBatch() {
    }

    /**
     * Reads pairs of d-dimensional points, one a line as {@code x1,...,xd,y1,...,yd}. Blank lines
     * and lines starting with {@code #} are skipped, as is a first line without any number (a
     * header).
     *
     * Every point must lie in the model's domain ({@link Points}).
     *
     * @throws UsageException naming every bad line (the first {@value #LISTED}) by its number
     */
    static Pairs read(Path file, Model model) throws UsageException {
        int d = model.dimension();
        List<String> text;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE_BYTES) {
                throw new UsageException(file + ": " + Files.size(file) + " bytes; a pairs file has at most "
                        + MAX_FILE_BYTES + " (256 MiB): split it and run each part");
            }
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + (Files.exists(file) ? e.getMessage() : "no such file"));
        }
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        int badCount = 0;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && header(line))) {
                continue;
            }
            String where = file + ":" + (i + 1);
            try {
                double[] p = NumberList.parse(where, line);
                if (p.length != 2 * d) {
                    throw new UsageException(where + ": expected " + 2 * d + " numbers (x1..x" + d + ",y1..y" + d
                            + "), got " + p.length);
                }
                double[] x = new double[d];
                double[] y = new double[d];
                System.arraycopy(p, 0, x, 0, d);
                System.arraycopy(p, d, y, 0, d);
                Points.require(where + ": x", x, model);
                Points.require(where + ": y", y, model);
                xs.add(x);
                ys.add(y);
                lines.add(i + 1);
            } catch (UsageException e) {
                if (++badCount <= LISTED) {
                    bad.add(e.getMessage());
                }
            }
        }
        if (badCount > LISTED) {
            bad.add(file + ": " + (badCount - LISTED) + " more unreadable lines");
        }
        if (!bad.isEmpty()) {
            throw new UsageException(String.join("\n", bad));
        }
        if (xs.isEmpty()) {
            throw new UsageException(file + " has no pairs");
        }
        return new Pairs(xs.toArray(double[][]::new), ys.toArray(double[][]::new),
                lines.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Whether a line is a header: no cell of it is a number. */
    private static boolean header(String line) {
        for (String cell : line.split(",")) {
            try {
                Double.parseDouble(cell.strip());
                return false;
            } catch (NumberFormatException e) {
                // not a number: this cell could be a column name
            }
        }
        return true;
    }

    /**
     * Computes every pair's distance with {@code threads} workers, reporting progress to
     * {@code progress}, and returns the results.
     */
    static Batch.Result compute(Supplier<Distances> factory, Pairs pairs, double[] theta, int threads,
                                Progress.Output progress) {
        try (Progress p = Progress.start(progress, "distances", pairs.xs().length)) {
            return Batch.distances(factory, pairs.xs(), pairs.ys(), theta, threads, k -> p.advance());
        }
    }

    /**
     * As {@link #compute(Supplier, Pairs, double[], int, Progress.Output)} with the logarithms
     * solved in batches ({@link BatchDistances}): the same statuses, distances equal to the
     * shooting tolerance's effect.
     */
    static Batch.Result computeBatched(Supplier<BatchDistances> factory, Pairs pairs, double[] theta, int threads,
                                       Progress.Output progress) {
        try (Progress p = Progress.start(progress, "distances", pairs.xs().length)) {
            return BatchDistances.distances(factory, pairs.xs(), pairs.ys(), theta, threads, k -> p.advance());
        }
    }

    /** The results as CSV: a header, then {@code line,dist,status,iterations,residual} per pair. */
    static String csv(Pairs pairs, Batch.Result result) {
        StringBuilder out = new StringBuilder("line,dist,status,iterations,residual\n");
        for (int k = 0; k < pairs.lines().length; k++) {
            LogResult r = result.logs()[k];
            out.append(pairs.lines()[k]).append(',').append(result.distances()[k]).append(',').append(r.status())
                    .append(',').append(r.iterations()).append(',').append(r.residual()).append('\n');
        }
        return out.toString();
    }

    /** The results for {@code --json}: the counts and one object per pair. */
    static Map<String, Object> json(Pairs pairs, Batch.Result result) {
        List<Object> rows = new ArrayList<>();
        for (int k = 0; k < pairs.lines().length; k++) {
            LogResult r = result.logs()[k];
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", pairs.lines()[k]);
            row.put("dist", result.distances()[k]);
            row.put("status", r.status().toString());
            row.put("iterations", r.iterations());
            row.put("residual", r.residual());
            rows.add(row);
        }
        Map<String, Object> out = summary(pairs, result);
        out.put("results", rows);
        return out;
    }

    /** The number of pairs and of failures. */
    static Map<String, Object> summary(Pairs pairs, Batch.Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pairs", pairs.lines().length);
        out.put("failed", result.failures());
        return out;
    }

    /** Why the run fails: how many pairs did not converge, and the lines of the first few; null when none. */
    static String failures(Pairs pairs, Batch.Result result) {
        int failed = result.failures();
        if (failed == 0) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < pairs.lines().length && lines.size() < LISTED; k++) {
            if (result.failed(k)) {
                lines.add(Integer.toString(pairs.lines()[k]));
            }
        }
        return failed + " of " + pairs.lines().length + " pairs failed (no certified, accurate shortest geodesic: the "
                + "logarithm did not converge, is not minimal or not accurate, or the distance is not a number; line"
                + (failed == 1 ? " " : "s ") + String.join(", ", lines) + (failed > LISTED ? ", ..." : "")
                + "); their dist is NaN";
    }
}
