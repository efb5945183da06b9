package geo.compiler.check;

/**
 * The sizes a model may have, checked at the declaration or expression that exceeds them, so that
 * a model too large to compile is refused at once with a diagnostic (exit 65) instead of running
 * the compiler out of memory. Derivation cost grows with the dimension d: the metric has d²
 * entries, its derivative ∂g/∂x and the Christoffel symbols d³, and a matrix product m×k·k×n
 * makes m·k·n scalar products; the limits below keep each of these to a few million nodes. The
 * node budget of {@link geo.compiler.ir.NodeFactory} is the backstop for whatever grows
 * combinatorially beyond them. The language reference ("Limits") lists these numbers.
 */
public final class Limits {

    /**
     * The most coordinates a manifold may have: d³ = 16.8 million at the limit. A Poincaré ball
     * of d = 100 and a dense network metric of d = 64 compile well within it.
     */
    public static final int MAX_COORDINATES = 256;
    /** The most elements of one value (a parameter, a let, an intermediate matrix): 1,048,576 = 1024². */
    public static final long MAX_ELEMENTS = 1L << 20;
    /** The most scalar parameters a model may have in total (every θ is an input of every kernel). */
    public static final long MAX_PARAMETERS = 1L << 22;
    /**
     * The most scalar multiplications one operation may cost when lowered: m·k·n for a matrix
     * product of an m×k and a k×n matrix, n³ for {@code det} and {@code inv} of an n×n matrix
     * (Gaussian elimination), d²·m for {@code pullback} of an m-vector: 4,194,304 = 2²².
     */
    public static final long MAX_OPERATION_COST = 1L << 22;

    private Limits() {
    }

    /**
     * The message for a declaration whose derivations ran out of the node budget:
     * "manifold 'M' is too large to compile: …".
     */
    public static String tooLarge(String what, int budget) {
        return what + " is too large to compile: its derivations need more than " + format(budget)
                + " expression nodes (the compiler's limit); use fewer coordinates or parameters, or smaller matrices";
    }

    /** The number of elements of {@code s}, as a long (rows·cols may exceed an int). */
    static long elements(Shape s) {
        return (long) s.rows() * s.cols();
    }

    /** {@code n} with thousands separated by commas, for messages. */
    static String format(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
