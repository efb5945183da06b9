package geo.cli.transport;

import geo.cli.common.NumberList;
import geo.cli.common.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A weighted point cloud from a CSV file: a header naming the columns {@code x0,x1,…,x(d−1)}
 * (in any order) and optionally {@code weight}, then one point a line. Blank lines and lines
 * starting with {@code #} are skipped. Without a weight column every point weighs 1/n.
 *
 * @param file    where it came from
 * @param points  n × d
 * @param weights n non-negative masses
 * @param lines   the 1-based line of each point, for messages
 * @param uniform whether the file had no weight column
 */
record Cloud(Path file, double[][] points, double[] weights, int[] lines, boolean uniform) {

    /** The largest cloud file: it is read whole. */
    static final long MAX_FILE_BYTES = 64L << 20;
    /** The most points in a cloud (the cost matrix has n·m entries). */
    static final int MAX_POINTS = 20_000;
    /** How many bad lines a message lists. */
    private static final int LISTED = 10;

    int size() {
        return points.length;
    }

    int dimension() {
        return points[0].length;
    }

    double mass() {
        double s = 0;
        for (double w : weights) {
            s += w;
        }
        return s;
    }

    /** file:line of point i. */
    String where(int i) {
        return file + ":" + lines[i];
    }

    /**
     * Reads a cloud.
     *
     * @throws UsageException with {@code file:line} for every bad line (the first {@value #LISTED}),
     *                        or for a missing file, an empty file, a missing or bad header, no points
     */
    static Cloud read(Path file) throws UsageException {
        List<String> text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("cannot read " + file + ": no such file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new UsageException(file + ": " + Files.size(file) + " bytes; a point cloud has at most "
                        + MAX_FILE_BYTES + " (64 MiB)");
            }
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        int first = 0;
        while (first < text.size() && skip(text.get(first))) {
            first++;
        }
        if (first == text.size()) {
            throw new UsageException(file + ": empty file; expected a header x0,x1,... (and optionally weight), "
                    + "then one point a line");
        }
        String where = file + ":" + (first + 1);
        int[] column = header(where, text.get(first).strip());
        int d = column.length - 1;
        int weightAt = column[d];
        int cells = d + (weightAt >= 0 ? 1 : 0);
        List<double[]> points = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        int badCount = 0;
        for (int i = first + 1; i < text.size(); i++) {
            if (skip(text.get(i))) {
                continue;
            }
            String at = file + ":" + (i + 1);
            try {
                double[] row = NumberList.parse(at, text.get(i).strip());
                if (row.length != cells) {
                    throw new UsageException(at + ": expected " + cells + " values (the header's columns), got "
                            + row.length);
                }
                double[] p = new double[d];
                for (int k = 0; k < d; k++) {
                    p[k] = row[column[k]];
                }
                double w = weightAt >= 0 ? row[weightAt] : 1;
                if (w < 0) {
                    throw new UsageException(at + ": the weight " + w + " is negative");
                }
                points.add(p);
                weights.add(w);
                lines.add(i + 1);
            } catch (UsageException e) {
                if (++badCount <= LISTED) {
                    bad.add(e.getMessage());
                }
            }
        }
        if (badCount > LISTED) {
            bad.add(file + ": " + (badCount - LISTED) + " more bad lines");
        }
        if (!bad.isEmpty()) {
            throw new UsageException(String.join("\n", bad));
        }
        if (points.isEmpty()) {
            throw new UsageException(file + ": no points after the header");
        }
        if (points.size() > MAX_POINTS) {
            throw new UsageException(file + ": " + points.size() + " points; a cloud has at most " + MAX_POINTS);
        }
        int n = points.size();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = weightAt >= 0 ? weights.get(i) : 1.0 / n;
        }
        if (weightAt >= 0 && Arrays.stream(w).sum() <= 0) {
            throw new UsageException(file + ": the weights sum to 0; a cloud needs a positive mass");
        }
        return new Cloud(file, points.toArray(double[][]::new), w, lines.stream().mapToInt(Integer::intValue).toArray(),
                weightAt < 0);
    }

    private static boolean skip(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#");
    }

    /**
     * The header's layout: for k &lt; d the cell index of column xk, and at index d the cell of the
     * weight (−1 without one).
     */
    private static int[] header(String where, String line) throws UsageException {
        String[] cells = line.split(",", -1);
        int weight = -1;
        int d = 0;
        for (String c : cells) {
            String name = c.strip();
            if (!name.equals("weight")) {
                d++;
            }
        }
        int[] column = new int[d + 1];
        Arrays.fill(column, -1);
        for (int i = 0; i < cells.length; i++) {
            String name = cells[i].strip();
            if (name.equals("weight")) {
                if (weight >= 0) {
                    throw new UsageException(where + ": the column 'weight' appears twice");
                }
                weight = i;
                continue;
            }
            int k = coordinate(name, d);
            if (k < 0) {
                throw new UsageException(where + ": " + (looksNumeric(name)
                        ? "missing header: the first line must name the columns x0,x1,... (and optionally weight)"
                        : "unknown column '" + name + "'; the columns are x0,x1,...,x" + (d - 1) + " and optionally weight"));
            }
            if (column[k] >= 0) {
                throw new UsageException(where + ": the column '" + name + "' appears twice");
            }
            column[k] = i;
        }
        if (d == 0) {
            throw new UsageException(where + ": the header has no coordinate columns x0,x1,...");
        }
        column[d] = weight;
        return column;
    }

    /** k for "xk" with 0 ≤ k &lt; d, else −1. */
    private static int coordinate(String name, int d) {
        if (name.length() < 2 || name.charAt(0) != 'x' || !name.substring(1).chars().allMatch(Character::isDigit)
                || (name.length() > 2 && name.charAt(1) == '0')) {
            return -1;
        }
        try {
            int k = Integer.parseInt(name.substring(1));
            return k < d ? k : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean looksNumeric(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
