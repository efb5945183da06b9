package geo.compiler.emit;

/**
 * The loop helpers every generated class with loops gets a copy of ({@link LoopCode#helpers}
 * copies these methods' bytecode, as javac compiled them, into the class). They must stay static,
 * self-contained (no reference to this class or any other Geo class: a model jar needs only the
 * runtime) and perform, for every element, exactly the straight-line code's operations in its
 * order: a running sum starts with the first product (never 0 + it, which differs for −0) and adds
 * the others left to right.
 */
final class LoopTemplates {

    private LoopTemplates() {
    }

    /** s + Σₖ a[ia + as·k]·b[ib + bs·k], k = 0 … n − 1, added left to right. */
    static double dot$(double s, double[] a, int ia, int as, double[] b, int ib, int bs, int n) {
        for (int k = 0; k < n; k++) {
            s += a[ia] * b[ib];
            ia += as;
            ib += bs;
        }
        return s;
    }

    /** out[io + k] = c·v[iv + vs·k], k = 0 … n − 1. */
    static void scale$(double c, double[] out, int io, double[] v, int iv, int vs, int n) {
        for (int k = 0; k < n; k++) {
            out[io + k] = c * v[iv];
            iv += vs;
        }
    }

    /**
     * out[o0 + r] = Σₖ a[a0 + aRow·r + aIn·k]·v[v0 + vs·k] for rows r &lt; m, each sum from its
     * first product, left to right; row by row (for rows whose elements are far apart in a).
     */
    static void mv$(double[] a, int a0, int aRow, int aIn, double[] v, int v0, int vs, double[] out, int o0, int m,
                    int n) {
        for (int r = 0; r < m; r++) {
            int ia = a0 + aRow * r;
            int iv = v0;
            double s = a[ia] * v[iv];
            for (int k = 1; k < n; k++) {
                ia += aIn;
                iv += vs;
                s += a[ia] * v[iv];
            }
            out[o0 + r] = s;
        }
    }

    /**
     * The same sums as {@link #mv$}, element k of every row at a time (for rows whose elements
     * are close in a, as the columns of a row-major matrix): each row's sum still adds its
     * products in order, but the rows' additions are independent, so they overlap.
     */
    static void mvt$(double[] a, int a0, int aRow, int aIn, double[] v, int v0, int vs, double[] out, int o0, int m,
                     int n) {
        double x = v[v0];
        for (int r = 0; r < m; r++) {
            out[o0 + r] = a[a0 + aRow * r] * x;
        }
        for (int k = 1; k < n; k++) {
            x = v[v0 + vs * k];
            int ia = a0 + aIn * k;
            for (int r = 0; r < m; r++) {
                out[o0 + r] += a[ia + aRow * r] * x;
            }
        }
    }

    /** out[o0 + oRow·r + k] = c[c0 + cs·r]·v[v0 + vs·k] for rows r &lt; m and k &lt; n. */
    static void outer$(double[] c, int c0, int cs, double[] v, int v0, int vs, double[] out, int o0, int oRow, int m,
                       int n) {
        for (int r = 0; r < m; r++) {
            double f = c[c0 + cs * r];
            int io = o0 + oRow * r;
            int iv = v0;
            for (int k = 0; k < n; k++) {
                out[io + k] = f * v[iv];
                iv += vs;
            }
        }
    }
}
