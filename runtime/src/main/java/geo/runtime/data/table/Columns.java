package geo.runtime.data.table;

import geo.runtime.api.ModelDescriptor.Input;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the columns of a {@link Table} to the data inputs of a loss or function by header name.
 * Each scalar of an input has two accepted names:
 * <table>
 *   <caption>column names</caption>
 *   <tr><th>input</th><th>element</th><th>bracketed</th><th>plain</th></tr>
 *   <tr><td>scalar {@code y}</td><td></td><td>{@code y}</td><td>{@code y}</td></tr>
 *   <tr><td>vector {@code x[3]}</td><td>i</td><td>{@code x[i]}</td><td>{@code xi} ({@code x0}, {@code x1}, …)</td></tr>
 *   <tr><td>matrix {@code W[2, 3]}</td><td>i, j</td><td>{@code W[i][j]} or {@code W[i,j]} (quoted in CSV)</td>
 *       <td>{@code Wi_j} ({@code W0_0}, {@code W0_1}, …)</td></tr>
 * </table>
 * Indices are 0-based, as in the language. Every element of every {@code DATA} input needs exactly
 * one column; inputs with a noise source ({@link Input.Source#NORMAL}, {@link Input.Source#UNIFORM})
 * are never read. Errors ({@link DataFormatException}, at the header line): a missing element
 * (listing every expected name), an element given twice under its two names, a column naming a
 * noise input, and — unless {@link Extra#IGNORE} — a column that names no input.
 */
public final class Columns {

    /** What to do with a column that names no input. */
    public enum Extra {
        /** It is an error (a typo, or data meant for another loss). */
        ERROR,
        /** It is left out and listed in {@link Bound#ignored()}. */
        IGNORE
    }

    /**
     * The rows bound to the inputs and the columns left out.
     *
     * @param data    the rows in the inputs' slot order
     * @param ignored the header names no input used, in file order (empty under {@link Extra#ERROR})
     */
    public record Bound(DataSet data, List<String> ignored) {
        public Bound {
            ignored = List.copyOf(ignored);
        }
    }

    private Columns() {
    }

    /** The column names of {@code in}'s scalars in slot order, in bracketed form (x[0], W[1][2]). */
    public static List<String> names(Input in) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
            out.add(bracketed(in, k));
        }
        return out;
    }

    /** The bracketed name of element k (row-major) of {@code in}. */
    public static String bracketed(Input in, int k) {
        List<Integer> s = in.shape();
        return switch (s.size()) {
            case 0 -> in.name();
            case 1 -> in.name() + "[" + k + "]";
            default -> in.name() + "[" + k / s.get(1) + "][" + k % s.get(1) + "]";
        };
    }

    private static List<String> aliases(Input in, int k) {
        List<Integer> s = in.shape();
        return switch (s.size()) {
            case 0 -> List.of(in.name());
            case 1 -> List.of(in.name() + "[" + k + "]", in.name() + k);
            default -> List.of(in.name() + "[" + k / s.get(1) + "][" + k % s.get(1) + "]",
                    in.name() + "[" + k / s.get(1) + "," + k % s.get(1) + "]",
                    in.name() + (k / s.get(1)) + "_" + (k % s.get(1)));
        };
    }

    /**
     * Binds {@code table}'s columns to {@code inputs} (a descriptor's inputs, in slot order).
     *
     * @param what  what the inputs belong to, for messages (e.g. "loss mse")
     * @param extra what to do with columns that name no input
     */
    public static Bound bind(Table table, List<Input> inputs, Extra extra, String what) throws DataFormatException {
        Map<String, Integer> columnOf = new HashMap<>();
        for (int c = 0; c < table.columns(); c++) {
            columnOf.put(normalise(table.header().get(c)), c);
        }
        int width = 0;
        for (Input in : inputs) {
            width += in.size();
        }
        int[] source = new int[width];
        java.util.Arrays.fill(source, -1);
        boolean[] used = new boolean[table.columns()];
        Map<String, String> noise = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Input in : inputs) {
            for (int k = 0; k < in.size(); k++) {
                List<String> names = aliases(in, k);
                if (in.source() != Input.Source.DATA) {
                    for (String n : names) {
                        noise.put(n, in.name() + " is a noise input (" + in.source().json()
                                + "): drawn for every row and step, never read from data");
                    }
                    continue;
                }
                String found = null;
                for (String n : names) {
                    Integer c = columnOf.get(n);
                    if (c == null) {
                        continue;
                    }
                    if (found != null) {
                        throw new DataFormatException(table.source(), table.headerLine(), table.header().get(c),
                                DataFormatException.Kind.DUPLICATE_COLUMN, "element " + bracketed(in, k) + " of input "
                                + in.name() + " is also given by column '" + found + "'");
                    }
                    found = table.header().get(c);
                    source[in.offset() + k] = c;
                    used[c] = true;
                }
                if (found == null) {
                    missing.add(bracketed(in, k));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new DataFormatException(table.source(), table.headerLine(), missing.get(0),
                    DataFormatException.Kind.MISSING_COLUMN, "missing: " + what + " needs the columns "
                    + expected(inputs) + "; " + (missing.size() == 1 ? "this one is" : missing.size() + " are")
                    + " missing (" + String.join(", ", missing.subList(0, Math.min(8, missing.size())))
                    + (missing.size() > 8 ? ", ..." : "") + ")");
        }
        List<String> ignored = new ArrayList<>();
        for (int c = 0; c < table.columns(); c++) {
            if (used[c]) {
                continue;
            }
            String name = table.header().get(c);
            String why = noise.get(normalise(name));
            if (why != null) {
                throw new DataFormatException(table.source(), table.headerLine(), name,
                        DataFormatException.Kind.UNKNOWN_COLUMN, why);
            }
            if (extra == Extra.ERROR) {
                throw new DataFormatException(table.source(), table.headerLine(), name,
                        DataFormatException.Kind.UNKNOWN_COLUMN, "names no input of " + what + ", which needs the columns "
                        + expected(inputs));
            }
            ignored.add(name);
        }
        int rows = table.rows();
        double[] values = new double[rows * width];
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < width; s++) {
                if (source[s] >= 0) {
                    values[r * width + s] = table.get(r, source[s]);
                }
            }
        }
        return new Bound(new DataSet(table.source(), width, values, table.lines().clone()), ignored);
    }

    /** A header name with the spaces inside brackets removed ({@code W[1, 2]} is {@code W[1,2]}). */
    private static String normalise(String name) {
        return name.replace(" ", "");
    }

    /** The expected names, compactly: {@code x[0], x[1] (or x0, x1), y}. */
    static String expected(List<Input> inputs) {
        List<String> parts = new ArrayList<>();
        for (Input in : inputs) {
            if (in.source() != Input.Source.DATA) {
                continue;
            }
            List<Integer> s = in.shape();
            if (s.isEmpty()) {
                parts.add(in.name());
            } else if (s.size() == 1) {
                parts.add(s.get(0) == 1 ? in.name() + "[0] (or " + in.name() + "0)"
                        : in.name() + "[0] … " + in.name() + "[" + (s.get(0) - 1) + "] (or " + in.name() + "0 … "
                        + in.name() + (s.get(0) - 1) + ")");
            } else {
                parts.add(in.name() + "[0][0] … " + in.name() + "[" + (s.get(0) - 1) + "][" + (s.get(1) - 1) + "] (or "
                        + in.name() + "0_0 … " + in.name() + (s.get(0) - 1) + "_" + (s.get(1) - 1) + ")");
            }
        }
        return parts.isEmpty() ? "(none: every input is drawn)" : String.join(", ", parts);
    }
}
