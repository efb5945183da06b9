package geo.compiler.testing;

import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Node;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central finite differences and the tolerance every derivative test uses.
 *
 * <p>Step h = {@value #STEP}·max(1, |xᵢ|). The check is
 * |AD − FD| ≤ {@value #RTOL}·(|AD| + 0.01·|f|): a relative tolerance of 1e-7 on the
 * derivative, plus 1e-9·|f| for the rounding error of the difference quotient (about
 * 2e-16·|f|/h = 2e-10·|f|), which matters only where the derivative is much smaller than
 * the function. The truncation error h²|f'''|/6 ≈ 2e-13·|f'''| is far below that at the points
 * the tests use (away from poles and kinks).
 */
public final class Numeric {

    /** Relative tolerance for first derivatives (and for FD of exact gradients, for HVPs). */
    public static final double RTOL = 1e-7;
    /** Relative finite-difference step. */
    public static final double STEP = 1e-6;

    private Numeric() {
    }

    /** Values of {@code outputs} with the loss inputs bound to {@code inputs}. */
    public static double[] eval(Node[] outputs, double[] inputs) {
        return Program.compile(outputs).evaluate(new Bindings().inputs(inputs));
    }

    /** A function of the input vector evaluating {@code outputs} by the interpreter. */
    public static Function<double[], double[]> function(Node... outputs) {
        Program p = Program.compile(outputs);
        return x -> p.evaluate(new Bindings().inputs(x));
    }

    /** Central difference of every output of {@code fn} along {@code direction} at {@code x}. */
    public static double[] directional(Function<double[], double[]> fn, double[] x, double[] direction) {
        double scale = 1.0;
        for (double xi : x) {
            scale = Math.max(scale, Math.abs(xi));
        }
        double h = STEP * scale;
        double[] plus = x.clone();
        double[] minus = x.clone();
        for (int i = 0; i < x.length; i++) {
            plus[i] += h * direction[i];
            minus[i] -= h * direction[i];
        }
        double[] fp = fn.apply(plus);
        double[] fm = fn.apply(minus);
        double[] d = new double[fp.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = (fp[k] - fm[k]) / (2 * h);
        }
        return d;
    }

    /** Unit vector eᵢ of length n. */
    public static double[] unit(int n, int i) {
        double[] e = new double[n];
        e[i] = 1.0;
        return e;
    }

    /** Asserts |ad − fd| ≤ RTOL·(|ad| + 0.01·|value|), reporting {@code what} on failure. */
    public static void assertDerivative(String what, double ad, double fd, double value) {
        double tol = RTOL * (Math.abs(ad) + 0.01 * Math.abs(value));
        assertTrue(Math.abs(ad - fd) <= tol || ad == fd,
                () -> what + ": AD " + ad + " vs FD " + fd + " (|diff| " + Math.abs(ad - fd) + " > tol " + tol + ")");
    }
}
