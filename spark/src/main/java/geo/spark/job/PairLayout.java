package geo.spark.job;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where the coordinates of a pair are in a CSV line: by the header's column names
 * {@code x0…x(d−1), y0…y(d−1)} (in any order, other columns ignored), or, without a header, the
 * first d cells x and the next d cells y, as {@code geo dist --pairs} reads them. Lines are parsed
 * on the executors; a line that does not fit is a {@link PairStatus#BAD_INPUT} row, never a failed task.
 *
 * @param cells  the number of cells a line must have
 * @param xAt    the cell of each x coordinate
 * @param yAt    the cell of each y coordinate
 * @param header whether line 1 is the header (then it is skipped)
 */
record PairLayout(int cells, int[] xAt, int[] yAt, boolean header) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The layout for d coordinates from the file's first line.
     *
     * @throws JobException when the first line is a header that lacks some x or y column
     */
    static PairLayout of(String first, int d, String file) throws JobException {
        String[] cells = first.split(",", -1);
        boolean header = Arrays.stream(cells).noneMatch(PairLayout::isNumber) && !first.strip().startsWith("#");
        int[] xAt = new int[d];
        int[] yAt = new int[d];
        if (!header) {
            for (int k = 0; k < d; k++) {
                xAt[k] = k;
                yAt[k] = d + k;
            }
            return new PairLayout(2 * d, xAt, yAt, false);
        }
        List<String> names = new ArrayList<>();
        for (String c : cells) {
            names.add(c.strip());
        }
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < d; k++) {
            xAt[k] = names.indexOf("x" + k);
            yAt[k] = names.indexOf("y" + k);
            if (xAt[k] < 0) {
                missing.add("x" + k);
            }
            if (yAt[k] < 0) {
                missing.add("y" + k);
            }
        }
        if (!missing.isEmpty()) {
            throw new JobException(file + ":1: the header lacks the column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " (the model has " + d + " coordinates: x0..x" + (d - 1) + ", y0..y"
                    + (d - 1) + ")");
        }
        return new PairLayout(names.size(), xAt, yAt, true);
    }

    /** The pair on a line, or empty for a line that holds none (blank, a {@code #} comment, the header). */
    Optional<PairInput> parse(String line, long number) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#") || (header && number == 1)) {
            return Optional.empty();
        }
        String[] c = s.split(",", -1);
        if (c.length != cells) {
            return Optional.of(PairInput.bad(number, "expected " + cells + " cells" + (header ? " (the header's columns)"
                    : " (x0..x" + (xAt.length - 1) + ",y0..y" + (xAt.length - 1) + ")") + ", got " + c.length));
        }
        double[] x = new double[xAt.length];
        double[] y = new double[yAt.length];
        for (int k = 0; k < xAt.length; k++) {
            String why = number(c[xAt[k]], "x" + k, x, k);
            if (why == null) {
                why = number(c[yAt[k]], "y" + k, y, k);
            }
            if (why != null) {
                return Optional.of(PairInput.bad(number, why));
            }
        }
        return Optional.of(new PairInput(number, x, y, ""));
    }

    /** Parses a cell into out[k]; the reason when it is not a finite number, else null. */
    private static String number(String cell, String name, double[] out, int k) {
        try {
            out[k] = Double.parseDouble(cell.strip());
        } catch (NumberFormatException e) {
            return name + " is not a number: '" + cell.strip() + "'";
        }
        return Double.isFinite(out[k]) ? null : name + " is " + out[k];
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
