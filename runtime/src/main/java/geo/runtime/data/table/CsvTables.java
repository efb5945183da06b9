package geo.runtime.data.table;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads numeric CSV files into {@link Table}s. The first line that is neither blank nor a comment
 * is the header; every following non-blank, non-comment line is a row. A comment line starts with
 * {@code #}. Cells are separated by commas and trimmed; a cell may be double-quoted (then a
 * comma inside it is text, and {@code ""} is a quote), which a header needs for a name such as
 * {@code "W[1,2]"}. A cell is a decimal number: an optional sign, digits with an optional point,
 * an optional exponent ({@code 1}, {@code -0.5}, {@code 2.5e-3}, {@code .5}).
 *
 * <p>Errors, each a {@link DataFormatException} naming the file, the line and the column: an
 * input with no header or no rows ({@link DataFormatException.Kind#EMPTY}); a header naming a
 * column twice; a row with more or fewer cells than the header; an empty or non-numeric cell; a
 * NaN, an infinity or a number too large for a double. Nothing is ever read as NaN.
 */
public final class CsvTables {

    /** The most rows a table may have (a bound against a file that is not what was meant). */
    public static final int MAX_ROWS = 50_000_000;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private CsvTables() {
    }

    /** Reads {@code file} (UTF-8); errors name the file as given. */
    public static Table read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads a table from {@code in} (not closed).
     *
     * @param source the name errors give for the input
     */
    public static Table read(Reader in, String source) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<String> header = null;
        int headerLine = 0;
        double[] values = new double[1024];
        int count = 0;
        int[] rowLines = new int[64];
        int rows = 0;
        int lineNumber = 0;
        for (String line; (line = lines.readLine()) != null; ) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            List<String> cells = split(text, source, lineNumber);
            if (header == null) {
                header = header(cells, source, lineNumber);
                headerLine = lineNumber;
                continue;
            }
            if (cells.size() != header.size()) {
                throw new DataFormatException(source, lineNumber, null, DataFormatException.Kind.RAGGED,
                        "expected " + header.size() + " cells as in the header (line " + headerLine + "), found "
                                + cells.size());
            }
            if (rows == MAX_ROWS) {
                throw new DataFormatException(source, lineNumber, null, DataFormatException.Kind.RAGGED,
                        "more than " + MAX_ROWS + " rows");
            }
            if (count + cells.size() > values.length) {
                values = java.util.Arrays.copyOf(values, Math.max(2 * values.length, count + cells.size()));
            }
            for (int c = 0; c < cells.size(); c++) {
                values[count++] = number(cells.get(c), source, lineNumber, header.get(c));
            }
            if (rows == rowLines.length) {
                rowLines = java.util.Arrays.copyOf(rowLines, 2 * rows);
            }
            rowLines[rows++] = lineNumber;
        }
        if (header == null) {
            throw new DataFormatException(source, 0, null, DataFormatException.Kind.EMPTY,
                    "the file is empty: expected a header line of column names, then rows of numbers");
        }
        if (rows == 0) {
            throw new DataFormatException(source, headerLine, null, DataFormatException.Kind.EMPTY,
                    "the file has a header but no rows of data");
        }
        return new Table(source, header, headerLine, java.util.Arrays.copyOf(values, count),
                java.util.Arrays.copyOf(rowLines, rows));
    }

    private static List<String> header(List<String> cells, String source, int line) throws DataFormatException {
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < cells.size(); c++) {
            String name = cells.get(c);
            if (name.isEmpty()) {
                throw new DataFormatException(source, line, null, DataFormatException.Kind.EMPTY,
                        "header cell " + (c + 1) + " is empty; every column needs a name");
            }
            Integer before = seen.put(name, c);
            if (before != null) {
                throw new DataFormatException(source, line, name, DataFormatException.Kind.DUPLICATE_COLUMN,
                        "named twice in the header (cells " + (before + 1) + " and " + (c + 1) + ")");
            }
        }
        return cells;
    }

    /** A cell's number, or the error: empty, NaN or infinite, not a decimal number, too large. */
    static double number(String cell, String source, int line, String column) throws DataFormatException {
        if (cell.isEmpty()) {
            throw new DataFormatException(source, line, column, DataFormatException.Kind.NOT_A_NUMBER, "empty cell");
        }
        if (NON_FINITE.matcher(cell).matches()) {
            throw new DataFormatException(source, line, column, DataFormatException.Kind.NOT_FINITE,
                    "'" + cell + "' is not a finite number");
        }
        if (!NUMBER.matcher(cell).matches()) {
            throw new DataFormatException(source, line, column, DataFormatException.Kind.NOT_A_NUMBER,
                    "'" + shorten(cell) + "' is not a number");
        }
        double v = Double.parseDouble(cell);
        if (!Double.isFinite(v)) {
            throw new DataFormatException(source, line, column, DataFormatException.Kind.NOT_FINITE,
                    "'" + shorten(cell) + "' is too large for a double");
        }
        return v;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** The cells of a line: split at commas outside double quotes, trimmed, quotes removed. */
    static List<String> split(String text, String source, int line) throws DataFormatException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                cell.setLength(0);
                wasQuoted = false;
            } else if (!(wasQuoted && Character.isWhitespace(ch))) {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new DataFormatException(source, line, null, DataFormatException.Kind.NOT_A_NUMBER,
                    "a quoted cell is not closed");
        }
        cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
        return cells;
    }
}
