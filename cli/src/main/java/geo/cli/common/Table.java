package geo.cli.common;

import java.util.List;

/** Rows of numbers under a header, as aligned text or as CSV; numbers in full precision ({@link Double#toString}). */
public final class Table {

    private Table() {
    }

    /** Columns left-aligned to their widest entry, two spaces apart, trailing spaces trimmed. */
    public static String text(List<String> header, List<double[]> rows) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (double[] row : rows) {
                width[c] = Math.max(width[c], Double.toString(row[c]).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header.toArray(String[]::new), width);
        for (double[] row : rows) {
            String[] cells = new String[row.length];
            for (int c = 0; c < row.length; c++) {
                cells[c] = Double.toString(row[c]);
            }
            line(out, cells, width);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        int start = out.length();
        for (int c = 0; c < cells.length; c++) {
            out.append(cells[c]);
            if (c + 1 < cells.length) {
                out.append(" ".repeat(width[c] - cells[c].length() + 2));
            }
        }
        out.setLength(start + out.substring(start).stripTrailing().length());
        out.append('\n');
    }

    /** A header row, then one row per line, comma-separated. */
    public static String csv(List<String> header, List<double[]> rows) {
        StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
        for (double[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                out.append(c == 0 ? "" : ",").append(row[c]);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
