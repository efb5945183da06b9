package geo.compiler.show;

import java.util.regex.Pattern;

/** Reading the numbers of {@code --at} and {@code --velocity}, and writing values in full precision. */
public final class Numbers {

    /**
     * A decimal number as people write it: sign, digits, optional fraction and exponent. Stricter
     * than {@link Double#parseDouble}, which also takes {@code NaN}, {@code Infinity}, hexadecimal
     * and a trailing {@code d} or {@code f}, none of which is a point anyone means.
     */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private Numbers() {
    }

    /**
     * Parses a comma-separated list such as {@code 0.5,1e-3,-2} (spaces around numbers allowed).
     *
     * @param option the option the text came from, for messages ({@code --at})
     * @throws ShowException naming the first malformed or out-of-range entry
     */
    public static double[] parseList(String option, String text) throws ShowException {
        if (text == null || text.isBlank()) {
            throw new ShowException(option + " needs comma-separated numbers, e.g. " + option + " 0.5,1");
        }
        String[] parts = text.split(",", -1);
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty()) {
                throw new ShowException(option + ": value " + (i + 1) + " of '" + text + "' is empty");
            }
            if (!DECIMAL.matcher(p).matches()) {
                throw new ShowException(option + ": '" + p + "' is not a number");
            }
            out[i] = Double.parseDouble(p);
            if (Double.isInfinite(out[i])) {
                throw new ShowException(option + ": '" + p + "' is too large for a double");
            }
        }
        return out;
    }

    /** A value in full precision: the shortest text that reads back as the same double. */
    public static String text(double v) {
        return Double.toString(v);
    }

    /** A value in LaTeX: {@code 1.5E-7} as {@code 1.5 \times 10^{-7}}, NaN and infinities by name. */
    public static String latex(double v) {
        if (Double.isNaN(v)) {
            return "\\mathrm{NaN}";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\\infty" : "-\\infty";
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        return e < 0 ? s : s.substring(0, e) + " \\times 10^{" + s.substring(e + 1) + "}";
    }
}
