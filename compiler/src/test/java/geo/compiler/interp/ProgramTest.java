package geo.compiler.interp;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;
import geo.compiler.testing.ExprReader;
import geo.compiler.testing.Networks;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interpreter against the same formulas written directly in Java. */
class ProgramTest {

    private static final double TOL = 1e-14;

    private static void check(String text, DoubleBinaryOperator java) {
        NodeFactory f = new NodeFactory();
        ExprReader r = new ExprReader(f);
        r.symbol("x");
        r.symbol("y");
        Program p = Program.compile(r.read(text));
        Random rnd = new Random(text.hashCode());
        for (int i = 0; i < 50; i++) {
            double x = 0.1 + 1.8 * rnd.nextDouble();
            double y = -1 + 2 * rnd.nextDouble();
            double expected = java.applyAsDouble(x, y);
            double actual = p.evaluate(new Bindings().inputs(x, y))[0];
            assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), text + " at " + x + ", " + y);
        }
    }

    @Test
    void formulasAgreeWithJava() {
        check("x*y + sin(x) - 3", (x, y) -> x * y + Math.sin(x) - 3);
        check("(2 / (1 - x^2 - y^2))^2", (x, y) -> Math.pow(2 / (1 - x * x - y * y), 2));
        check("sin(x)^2 * cos(y) + x / y", (x, y) -> Math.pow(Math.sin(x), 2) * Math.cos(y) + x / y);
        check("exp(-(x - y)^2 / 0.05)", (x, y) -> Math.exp(-Math.pow(x - y, 2) / 0.05));
        check("log(x) + sqrt(x) * tanh(y) - atan(y)", (x, y) -> Math.log(x) + Math.sqrt(x) * Math.tanh(y) - Math.atan(y));
        check("sigmoid(y) + softplus(3*y) + relu(y) + abs(y)",
            (x, y) -> Op.sigmoid(y) + Op.softplus(3 * y) + Math.max(y, 0) + Math.abs(y));
        check("sinh(y) * cosh(x) + tan(y) + sign(y) + step(y)",
            (x, y) -> Math.sinh(y) * Math.cosh(x) + Math.tan(y) + Math.signum(y) + (y > 0 ? 1 : 0));
        check("x^y + x^-3 + x^2.5", (x, y) -> Math.pow(x, y) + Math.pow(x, -3) + Math.pow(x, 2.5));
        check("-(-(x)) - (y - x) * 2", (x, y) -> x - (y - x) * 2);
    }

    @Test
    void networkMetricAgreesWithJavaAndSharesWork() {
        NodeFactory f = new NodeFactory();
        int hidden = 32;
        Node[] g = Networks.metric(f, hidden);
        Program p = Program.compile(g);
        Random rnd = new Random(3);
        double[] theta = new double[Networks.paramCount(hidden)];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = 0.3 * rnd.nextGaussian();
        }
        double[] out = new double[3];
        double[] scratch = new double[p.registerCount()];
        for (int i = 0; i < 20; i++) {
            double[] x = {rnd.nextGaussian(), rnd.nextGaussian()};
            p.evaluate(new Bindings().params(theta).coords(x), out, scratch);
            double[] expected = Networks.metric(theta, x, hidden);
            for (int k = 0; k < 3; k++) {
                assertEquals(expected[k], out[k], TOL * Math.abs(expected[k]));
            }
        }
        assertEquals(3, p.outputCount());
        int separately = 0;
        for (Node gi : g) {
            separately += Program.compile(gi).registerCount();
        }
        assertEquals(Dag.count(g), p.registerCount(), "one register per distinct node");
        assertTrue(p.registerCount() < separately / 2, "the three entries share the network");
    }

    @Test
    void symbolKindsReadTheirOwnArrays() {
        NodeFactory f = new NodeFactory();
        Node e = f.add(f.coord(1), f.mul(f.constant(10), f.velocity(0)), f.mul(f.constant(100), f.time()),
                f.mul(f.constant(1000), f.param("theta", 2)), f.mul(f.constant(1e4), f.input("u", 0)));
        Bindings b = new Bindings().coords(0, 1).velocities(2).time(3).params(0, 0, 4).inputs(5);
        assertArrayEquals(new double[] {1 + 20 + 300 + 4000 + 50000.0}, Program.compile(e).evaluate(b));
        assertEquals(4.0, b.valueOf(geo.compiler.ir.Symbol.param("theta", 2)));
    }

    @Test
    void missingBindingsAreReported() {
        NodeFactory f = new NodeFactory();
        Program p = Program.compile(f.sin(f.coord(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.evaluate(new Bindings().coords(1, 2)));
        assertEquals("COORD needs 3 values, 2 bound", e.getMessage());
    }

    @Test
    void constantsAndRepeatedOutputs() {
        NodeFactory f = new NodeFactory();
        Node x = f.input("x", 0);
        Program p = Program.compile(f.constant(2.5), x, x, f.mul(x, x));
        assertArrayEquals(new double[] {2.5, 3, 3, 9}, p.evaluate(new Bindings().inputs(3)));
    }
}
