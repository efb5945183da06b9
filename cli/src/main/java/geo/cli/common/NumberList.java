package geo.cli.common;

import java.util.regex.Pattern;

/**
 * The CLI's reading of number lists ({@code --x 0.5,1}, {@code --at}, {@code --param NAME=1,2},
 * the REPL's {@code :at}): comma-separated decimals, strictly, with a usage error that names the
 * option and the first bad entry.
 */
public final class NumberList {

    /**
     * A decimal number as people write it: sign, digits, optional fraction and exponent. Stricter
     * than {@link Double#parseDouble}, which also takes {@code NaN}, {@code Infinity}, hexadecimal
     * and a trailing {@code d} or {@code f}, none of which is a point anyone means.
     */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private NumberList() {
    }

    /**
     * Parses a comma-separated list such as {@code 0.5,1e-3,-2} (spaces around numbers allowed).
     *
     * @param option the option the text came from, for messages ({@code --at})
     * @throws UsageException naming the first malformed or out-of-range entry
     */
    public static double[] parse(String option, String text) throws UsageException {
        if (text == null || text.isBlank()) {
            throw new UsageException(option + " needs comma-separated numbers, e.g. " + option + " 0.5,1");
        }
        String[] parts = text.split(",", -1);
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty()) {
                throw new UsageException(option + ": value " + (i + 1) + " of '" + text + "' is empty");
            }
            if (!DECIMAL.matcher(p).matches()) {
                throw new UsageException(option + ": '" + p + "' is not a number");
            }
            out[i] = Double.parseDouble(p);
            if (Double.isInfinite(out[i])) {
                throw new UsageException(option + ": '" + p + "' is too large for a double");
            }
        }
        return out;
    }

    /** A point or vector of exactly d numbers: the coordinates of a model with d of them. */
    public static double[] vector(String option, String text, int d) throws UsageException {
        double[] x = parse(option, text);
        if (x.length != d) {
            throw new UsageException(option + " needs " + d + " numbers (the model has " + d + " coordinates), got "
                    + x.length);
        }
        return x;
    }
}
