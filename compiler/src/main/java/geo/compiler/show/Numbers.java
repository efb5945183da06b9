package geo.compiler.show;

/** Writing values in full precision, as text and as LaTeX. */
public final class Numbers {

    private Numbers() {
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
