package geo.spark.job;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * A point cloud of the cost job, read on the driver (clouds of 10⁴–10⁵ points are small next to
 * their n·m entries) through Spark, so from any file system: {@code geo ot}'s CSV format, a header
 * naming {@code x0…x(d−1)} (any order) and optionally {@code weight}, then one point a line;
 * blank and {@code #} lines skipped. A line that is not a point (wrong number of cells, a cell
 * that is not a finite number, a negative weight) stays in the cloud, so that the indices of the
 * others do not move, with the reason: its entries are {@link CostStatus#BAD_INPUT}.
 *
 * @param file    where it came from
 * @param points  n × d (a bad point's coordinates are NaN and never used)
 * @param weights n masses (1/n each without a weight column; 0 for a bad point)
 * @param lines   the 1-based line of each point
 * @param bad     for each point, empty or why its line is not a point
 */
record Cloud(String file, double[][] points, double[] weights, int[] lines, String[] bad) implements Serializable {

    private static final long serialVersionUID = 1L;

    int size() {
        return points.length;
    }

    boolean ok(int i) {
        return bad[i].isEmpty();
    }

    /** The bad points as "file:line: why". */
    List<String> badLines() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (!ok(i)) {
                out.add(file + ":" + lines[i] + ": " + bad[i]);
            }
        }
        return out;
    }

    /**
     * Reads a cloud of d-dimensional points.
     *
     * @throws JobException for a missing or empty file, or a header without x0…x(d−1)
     */
    static Cloud read(SparkSession spark, String file, int d) throws JobException {
        Jobs.requireInput(spark, file);
        List<String> text = spark.read().textFile(file).collectAsList();
        int first = 0;
        while (first < text.size() && skip(text.get(first))) {
            first++;
        }
        if (first == text.size()) {
            throw new JobException(file + ": empty file; expected a header x0,x1,... (and optionally weight), then one "
                    + "point a line");
        }
        List<String> names = new ArrayList<>();
        for (String c : text.get(first).split(",", -1)) {
            names.add(c.strip());
        }
        int[] at = new int[d];
        for (int k = 0; k < d; k++) {
            at[k] = names.indexOf("x" + k);
            if (at[k] < 0) {
                throw new JobException(file + ":" + (first + 1) + ": the header " + names + " has no column x" + k
                        + " (the model has " + d + " coordinates)");
            }
        }
        int weightAt = names.indexOf("weight");
        List<double[]> points = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (int i = first + 1; i < text.size(); i++) {
            if (skip(text.get(i))) {
                continue;
            }
            String[] cells = text.get(i).strip().split(",", -1);
            double[] p = new double[d];
            double w = 1;
            String why = cells.length != names.size() ? "expected " + names.size() + " cells (the header's columns), got "
                    + cells.length : null;
            for (int k = 0; k < d && why == null; k++) {
                why = number(cells[at[k]], "x" + k);
                p[k] = why == null ? Double.parseDouble(cells[at[k]].strip()) : Double.NaN;
            }
            if (why == null && weightAt >= 0) {
                why = number(cells[weightAt], "weight");
                w = why == null ? Double.parseDouble(cells[weightAt].strip()) : 0;
                if (why == null && w < 0) {
                    why = "the weight " + w + " is negative";
                }
            }
            if (why != null) {
                java.util.Arrays.fill(p, Double.NaN);
                w = 0;
            }
            points.add(p);
            weights.add(w);
            lines.add(i + 1);
            bad.add(why == null ? "" : why);
        }
        if (points.isEmpty()) {
            throw new JobException(file + ": no points after the header");
        }
        int n = points.size();
        double[] ws = new double[n];
        for (int i = 0; i < n; i++) {
            ws[i] = weightAt >= 0 ? weights.get(i) : bad.get(i).isEmpty() ? 1.0 / n : 0;
        }
        return new Cloud(file, points.toArray(double[][]::new), ws, lines.stream().mapToInt(Integer::intValue).toArray(),
                bad.toArray(String[]::new));
    }

    private static String number(String cell, String name) {
        try {
            double v = Double.parseDouble(cell.strip());
            return Double.isFinite(v) ? null : name + " is " + v;
        } catch (NumberFormatException e) {
            return name + " is not a number: '" + cell.strip() + "'";
        }
    }

    private static boolean skip(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#");
    }
}
