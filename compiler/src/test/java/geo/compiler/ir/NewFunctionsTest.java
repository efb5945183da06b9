package geo.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.print.LatexPrinter;
import geo.compiler.print.TextPrinter;
import geo.compiler.testing.ExprReader;
import org.junit.jupiter.api.Test;

/**
 * Values of the functions added for networks ({@code log1p}, {@code expm1}, {@code erf},
 * {@code elu}, {@code max}, {@code min}, {@code leaky_relu}, {@code logaddexp}) against
 * {@link Math} and against references computed to 40 digits with mpmath, at ordinary points and at
 * the extremes where naive formulas fail; and how they print. Their derivatives are checked against
 * finite differences with every other op in {@code DerivativeTest}.
 */
class NewFunctionsTest {

    private static final double[] POINTS = {-1e300, -745.5, -40, -3.7, -1, -0.5, -1e-9, -1e-300, -0.0, 0.0,
        1e-300, 1e-17, 1e-9, 0.5, 1, 3.7, 40, 709, 710, 1e300, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};

    @Test
    void log1pAndExpm1AreMathsOwn() {
        for (double x : POINTS) {
            assertEquals(Math.log1p(x), Op.LOG1P.apply(x), "log1p " + x);
            assertEquals(Math.expm1(x), Op.EXPM1.apply(x), "expm1 " + x);
        }
        // Where log(1 + x) and exp(x) − 1 lose everything: 1 + 1e-17 rounds to 1.
        assertEquals(1e-17, Op.LOG1P.apply(1e-17));
        assertEquals(1e-17, Op.EXPM1.apply(1e-17));
        assertEquals(0.0, Math.log(1 + 1e-17));
        assertEquals(-1.0, Op.EXPM1.apply(-800));
        assertEquals(Double.NEGATIVE_INFINITY, Op.LOG1P.apply(-1));
        assertTrue(Double.isNaN(Op.LOG1P.apply(-2)));
    }

    /**
     * erf against 40-digit references (mpmath): at most 2 units in the last place for |x| &lt; 1 (the
     * series) and 8 beyond (1 − erfc), as measured on 3,000 points ({@code GeoMath.erf}).
     */

    @Test
    void erfAgainstHighPrecisionReferences() {
        double[][] table = {
            {1e-300, 1.1283791670955125739e-300}, {1e-8, 1.1283791670955125363e-8},
            {1e-3, 0.0011283787909692363799}, {0.1, 0.1124629160182848922}, {0.5, 0.52049987781304653768},
            {0.9, 0.79690821242283212852}, {1, 0.84270079294971486934}, {1.5, 0.96610514647531072707},
            {2, 0.99532226501895273416}, {2.5, 0.99959304798255504106}, {3, 0.99997790950300141456},
            {3.5, 0.99999925690162765859}, {4, 0.99999998458274209972}, {5, 0.99999999999846254021},
            {5.9, 0.9999999999999999281}, {6.5, 0.99999999999999999996}, {27, 1.0},
            {-0.7, -0.67780119383741847298}, {-2.2, -0.99813715370201810856},
        };
        for (double[] row : table) {
            double got = Op.ERF.apply(row[0]);
            double ulps = Math.abs(got - row[1]) / Math.ulp(row[1]);
            assertTrue(ulps <= (Math.abs(row[0]) < 1 ? 2 : 8), "erf(" + row[0] + ") = " + got + ", reference " + row[1]
                    + ", error " + ulps + " ulp");
        }
        for (double x : POINTS) {
            assertEquals(-Op.ERF.apply(x), Op.ERF.apply(-x), "odd at " + x);
        }
        assertEquals(1.0, Op.ERF.apply(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Op.ERF.apply(-40));
        assertTrue(Double.isNaN(Op.ERF.apply(Double.NaN)));
    }

    @Test
    void eluAndLeakyRelu() {
        assertEquals(2.5, Op.ELU.apply(2.5));
        assertEquals(Math.expm1(-1), Op.ELU.apply(-1));
        assertEquals(-1.0, Op.ELU.apply(-800));
        assertEquals(0.0, Op.ELU.apply(0));
        assertEquals(-1e-300, Op.ELU.apply(-1e-300));
        assertTrue(Double.isNaN(Op.ELU.apply(Double.NaN)));
        assertEquals(3.0, Op.LEAKY_RELU.apply(3, 0.1));
        assertEquals(-3 * 0.1, Op.LEAKY_RELU.apply(-3, 0.1));
        assertEquals(0.0, Op.LEAKY_RELU.apply(0, 0.1));
        assertEquals(-2.0, Op.LEAKY_RELU.apply(-2, 1));
        assertTrue(Double.isNaN(Op.LEAKY_RELU.apply(Double.NaN, 0.1)));
    }

    @Test
    void maxAndMinAreMathsOwn() {
        for (double a : POINTS) {
            for (double b : POINTS) {
                assertEquals(Math.max(a, b), Op.MAX.apply(a, b));
                assertEquals(Math.min(a, b), Op.MIN.apply(a, b));
            }
        }
        assertTrue(Double.isNaN(Op.MAX.apply(Double.NaN, 1)));
        assertTrue(Double.isNaN(Op.MIN.apply(1, Double.NaN)));
    }

    /** logaddexp against 40-digit references, to 1 ulp, where exp would overflow or underflow. */
    @Test
    void logaddexpAtExtremes() {
        double[][] table = {
            {0, 0, 0.69314718055994530942}, {1000, 1000, 1000.6931471805599453},
            {1000, -1000, 1000}, {-1000, -1000, -999.30685281944005469},
            {710, 709, 710.31326168751822284}, {-745, -746, -744.68673831248177716},
            {1e-20, 0, 0.69314718055994530942}, {2, 1, 2.3132616875182228340}, {-3, 4, 4.000911466453774244692},
            {1e300, 1e300, 1e300}, {-1e300, 5, 5},
        };
        for (double[] row : table) {
            double got = Op.LOGADDEXP.apply(row[0], row[1]);
            assertEquals(row[2], got, Math.ulp(row[2]), "logaddexp(" + row[0] + ", " + row[1] + ")");
            assertEquals(got, Op.LOGADDEXP.apply(row[1], row[0]), "symmetric");
        }
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(inf, Op.LOGADDEXP.apply(inf, inf));
        assertEquals(inf, Op.LOGADDEXP.apply(inf, -inf));
        assertEquals(-inf, Op.LOGADDEXP.apply(-inf, -inf));
        assertEquals(3.0, Op.LOGADDEXP.apply(3, -inf));
        assertTrue(Double.isNaN(Op.LOGADDEXP.apply(Double.NaN, 1)));
    }

    @Test
    void constantsFoldAndCommutativeOperandsAreSorted() {
        NodeFactory f = new NodeFactory();
        Node x = f.input("x", 0);
        Node y = f.input("y", 1);
        assertEquals(3.0, f.max(f.constant(3), f.constant(-1)).value());
        assertEquals(Math.log1p(Math.exp(-1)) + 1, f.binary(Op.LOGADDEXP, f.one(), f.zero()).value());
        assertTrue(f.max(x, y) == f.max(y, x), "max(x, y) and max(y, x) are one node");
        assertTrue(f.binary(Op.LOGADDEXP, x, y) == f.binary(Op.LOGADDEXP, y, x));
        assertTrue(f.binary(Op.LEAKY_RELU, x, y) != f.binary(Op.LEAKY_RELU, y, x), "leaky_relu is not commutative");
        assertTrue(f.min(x, x) == x);
    }

    @Test
    void printing() {
        NodeFactory f = new NodeFactory();
        ExprReader r = new ExprReader(f);
        assertEquals("max(x, 1 + y)", TextPrinter.print(r.read("max(y + 1, x)")));
        assertEquals("min(x, 0)", TextPrinter.print(r.read("min(x, 0)")));
        assertEquals("leaky_relu(x, 0.1)", TextPrinter.print(r.read("leaky_relu(x, 0.1)")));
        assertEquals("2*logaddexp(y, x)", TextPrinter.print(r.read("2 * logaddexp(x, y)")), "y was read first: its slot sorts first");
        assertEquals("log1p(y) + expm1(x) + erf(x) + elu(y)", TextPrinter.print(r.read("log1p(y) + expm1(x) + elu(y) + erf(x)")));
        r = new ExprReader(new NodeFactory());
        r.read("x + y"); // x gets slot 0, so it sorts before y
        assertEquals("\\max\\left(x, y\\right)", LatexPrinter.print(r.read("max(x, y)")));
        assertEquals("\\operatorname{leaky\\_relu}\\left(x, 0.1\\right)", LatexPrinter.print(r.read("leaky_relu(x, 0.1)")));
        assertEquals("\\operatorname{logaddexp}\\left(x, y\\right)", LatexPrinter.print(r.read("logaddexp(x, y)")));
        assertEquals("\\operatorname{erf}\\left(x\\right)", LatexPrinter.print(r.read("erf(x)")));
        assertEquals("\\operatorname{log1p}\\left(x\\right) + \\min\\left(x, y\\right)",
                LatexPrinter.print(r.read("log1p(x) + min(x, y)")));
    }
}
