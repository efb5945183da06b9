package geo.runtime.learn.population;

import geo.runtime.data.table.CsvTables;
import geo.runtime.data.table.Table;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Population snapshots: one or more independent families (sequences), each a list of point clouds
 * at times 0, 1, 2, … (never the same individual twice). The file format is CSV with header
 * {@code t,x0,x1[,family]}: t the snapshot index within its family, x0 … x(d−1) the point, family
 * (optional, 0 when absent) the sequence it belongs to.
 *
 * @param dimension d
 * @param families  families.get(f).get(t) = the points of snapshot t of family f, as [point][coordinate]
 */
public record Snapshots(int dimension, List<List<double[][]>> families) {

    public Snapshots {
        families = families.stream().map(List::copyOf).toList();
    }

    /** A consecutive pair (source snapshot, target snapshot) of one family. */
    public record Pair(int family, int time, double[][] source, double[][] target) {
    }

    /** Every consecutive pair (t, t + 1) of every family, family by family. */
    public List<Pair> pairs() {
        List<Pair> out = new ArrayList<>();
        for (int f = 0; f < families.size(); f++) {
            List<double[][]> fam = families.get(f);
            for (int t = 0; t + 1 < fam.size(); t++) {
                out.add(new Pair(f, t, fam.get(t), fam.get(t + 1)));
            }
        }
        return out;
    }

    /**
     * The families joined into one sequence: snapshot t is the union of every family's snapshot t
     * (lagrangian-ot's treatment of X Paths: 200 points per time). All families must have the same length.
     */
    public Snapshots merged() {
        if (families.size() == 1) {
            return this;
        }
        int times = families.get(0).size();
        List<double[][]> out = new ArrayList<>();
        for (int t = 0; t < times; t++) {
            List<double[]> points = new ArrayList<>();
            for (List<double[][]> fam : families) {
                if (fam.size() != times) {
                    throw new IllegalArgumentException("families of different lengths cannot be merged");
                }
                points.addAll(List.of(fam.get(t)));
            }
            out.add(points.toArray(double[][]::new));
        }
        return new Snapshots(dimension, List.of(out));
    }

    /** All points of all snapshots (for plots and bounds). */
    public int pointCount() {
        int n = 0;
        for (List<double[][]> fam : families) {
            for (double[][] s : fam) {
                n += s.length;
            }
        }
        return n;
    }

    /** Writes {@code t,x0,…[,family]} (the family column only when there is more than one family). */
    public void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("t");
            for (int i = 0; i < dimension; i++) {
                header.append(",x").append(i);
            }
            boolean many = families.size() > 1;
            w.write(header + (many ? ",family" : "") + "\n");
            for (int f = 0; f < families.size(); f++) {
                List<double[][]> fam = families.get(f);
                for (int t = 0; t < fam.size(); t++) {
                    for (double[] p : fam.get(t)) {
                        StringBuilder row = new StringBuilder(Integer.toString(t));
                        for (double v : p) {
                            row.append(',').append(String.format(Locale.ROOT, "%.17g", v));
                        }
                        w.write(row + (many ? "," + f : "") + "\n");
                    }
                }
            }
        }
    }

    /** Reads a snapshot file, with {@code file:line} errors ({@link SnapshotException}, or the CSV reader's own). */
    public static Snapshots read(Path file) throws IOException {
        return of(CsvTables.read(file));
    }

    /** The snapshots of a CSV table. */
    public static Snapshots of(Table table) throws SnapshotException {
        String src = table.source();
        List<String> header = table.header();
        int tCol = header.indexOf("t");
        int famCol = header.indexOf("family");
        if (tCol < 0) {
            throw new SnapshotException(src, table.headerLine(), SnapshotException.Kind.COLUMNS,
                    "no column 't' (the snapshot index); the header must be t,x0,x1[,family]");
        }
        int d = 0;
        while (header.contains("x" + d)) {
            d++;
        }
        if (d == 0) {
            throw new SnapshotException(src, table.headerLine(), SnapshotException.Kind.COLUMNS,
                    "no column 'x0'; the header must be t,x0,x1[,family]");
        }
        int[] xCols = new int[d];
        for (int i = 0; i < d; i++) {
            xCols[i] = header.indexOf("x" + i);
        }
        for (String h : header) {
            boolean known = h.equals("t") || h.equals("family") || (h.matches("x\\d+") && Integer.parseInt(h.substring(1)) < d);
            if (!known) {
                throw new SnapshotException(src, table.headerLine(), SnapshotException.Kind.COLUMNS, "unknown column '" + h
                        + "'" + (h.matches("x\\d+") ? " (the coordinates must be x0 … x(d−1) without gaps)" : "")
                        + "; the header must be t,x0,x1[,family]");
            }
        }
        // family → time → points, and the first line of each snapshot for messages
        TreeMap<Integer, TreeMap<Integer, List<double[]>>> byFamily = new TreeMap<>();
        TreeMap<Integer, TreeMap<Integer, Integer>> firstLine = new TreeMap<>();
        for (int r = 0; r < table.rows(); r++) {
            int line = table.lines()[r];
            int t = index(table, r, tCol, "t", src, line);
            int f = famCol < 0 ? 0 : index(table, r, famCol, "family", src, line);
            double[] p = new double[d];
            for (int i = 0; i < d; i++) {
                p[i] = table.get(r, xCols[i]);
            }
            byFamily.computeIfAbsent(f, k -> new TreeMap<>()).computeIfAbsent(t, k -> new ArrayList<>()).add(p);
            firstLine.computeIfAbsent(f, k -> new TreeMap<>()).putIfAbsent(t, line);
        }
        List<List<double[][]>> families = new ArrayList<>();
        for (var e : byFamily.entrySet()) {
            int f = e.getKey();
            TreeMap<Integer, List<double[]>> times = e.getValue();
            String fam = famCol < 0 ? "" : " of family " + f;
            int last = times.lastKey();
            if (times.size() < 2) {
                throw new SnapshotException(src, firstLine.get(f).get(last), SnapshotException.Kind.NO_SUCCESSOR,
                        "snapshot t = " + last + fam + " is the only one: a snapshot needs a successor (t = " + (last + 1)
                        + ") to learn from");
            }
            int expect = times.firstKey();
            if (expect != 0) {
                throw new SnapshotException(src, firstLine.get(f).get(expect), SnapshotException.Kind.NO_SUCCESSOR,
                        "the snapshots" + fam + " start at t = " + expect + "; they must be numbered 0, 1, 2, …");
            }
            List<double[][]> list = new ArrayList<>();
            for (var te : times.entrySet()) {
                int t = te.getKey();
                if (t != expect) {
                    int prev = expect - 1;
                    throw new SnapshotException(src, firstLine.get(f).get(prev), SnapshotException.Kind.NO_SUCCESSOR,
                            "snapshot t = " + prev + fam + " has no successor: the next one is t = " + t);
                }
                if (te.getValue().size() < 2) {
                    throw new SnapshotException(src, firstLine.get(f).get(t), SnapshotException.Kind.ONE_POINT,
                            "snapshot t = " + t + fam + " has one point; a population needs at least 2");
                }
                list.add(te.getValue().toArray(double[][]::new));
                expect++;
            }
            families.add(list);
        }
        return new Snapshots(d, families);
    }

    private static int index(Table table, int r, int col, String name, String src, int line) throws SnapshotException {
        double v = table.get(r, col);
        if (v < 0 || v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw new SnapshotException(src, line, SnapshotException.Kind.NOT_AN_INDEX, "column '" + name + "': "
                    + v + " is not a non-negative integer");
        }
        return (int) v;
    }

    /** A {@link SnapshotException.Kind#DIMENSION} error unless the points have d coordinates. */
    public void requireDimension(int d, String what) throws SnapshotException {
        if (dimension != d) {
            throw new SnapshotException("snapshots", 0, SnapshotException.Kind.DIMENSION, "the snapshots have " + dimension
                    + " coordinates (x0 … x" + (dimension - 1) + ") but " + what + " has " + d);
        }
    }
}
