package geo.compiler.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.testing.ExprReader;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelSimplifierTest {

    private final NodeFactory f = new NodeFactory();
    private final ExprReader r = new ExprReader(f);

    @Test
    void costCountsDivisionsAndSharedNodesOnce() {
        Node u = r.read("1 - x^2 - y^2");
        assertEquals(CostModel.of(u) + CostModel.DIVIDE, CostModel.of(f.powi(u, -1)), 1e-12);
        Node shared = f.powi(u, -1);
        assertEquals(CostModel.of(f.mul(shared, r.read("x"))) + 1, CostModel.of(f.mul(shared, r.read("x")),
                f.mul(shared, r.read("y"))), 1e-12);
    }

    /** The shape of the Poincaré ball's derived spray: ((1/u²)²)⁻¹ · x · v² / u³ with u = 1 − |x|². */
    @Test
    void chainedDivisionsCollapseAndValuesAgreeOnTheChart() {
        Node u = r.read("1 - x^2 - y^2");
        Node inverse = f.powi(f.powi(f.powi(u, -2), 2), -1);
        Node a = f.mul(inverse, r.read("x * v^2"), f.powi(u, -3));
        Node[] out = KernelSimplifier.run(f, new Node[] {a});
        assertTrue(CostModel.of(out) < CostModel.of(a), CostModel.of(out) + " vs " + CostModel.of(a));
        Program both = Program.compile(new Node[] {a, out[0]});
        Random rnd = new Random(1);
        for (int k = 0; k < 1000; k++) {
            double x = 0.6 * rnd.nextDouble() - 0.3;
            double y = 0.6 * rnd.nextDouble() - 0.3;
            double v = rnd.nextGaussian();
            double[] values = both.evaluate(new Bindings().inputs(new double[] {x, y, v}));
            assertEquals(values[0], values[1], 1e-14 * Math.abs(values[0]));
        }
    }

    /**
     * The Poincaré spray after collection, 0.25·u²·(2x·w/u³ − 8v·s/u³): the divisor common to both
     * terms leaves the sum, and u²·u⁻³ becomes one division.
     */
    @Test
    void aDivisorCommonToAllTermsLeavesTheSum() {
        Node a = r.read("0.25 * (1 - x^2 - y^2)^2 * (2 * x * w / (1 - x^2 - y^2)^3 - 8 * v * s / (1 - x^2 - y^2)^3)");
        Node out = KernelSimplifier.run(f, new Node[] {a})[0];
        assertEquals("0.25*(2*x*w - 8*v*s) / (1 - x^2 - y^2)", geo.compiler.print.TextPrinter.print(out));
        Program both = Program.compile(new Node[] {a, out});
        Random rnd = new Random(2);
        for (int k = 0; k < 1000; k++) {
            double[] in = {0.6 * rnd.nextDouble() - 0.3, 0.6 * rnd.nextDouble() - 0.3, rnd.nextGaussian(),
                rnd.nextGaussian(), rnd.nextGaussian()};
            double[] values = both.evaluate(new Bindings().inputs(in));
            assertEquals(values[0], values[1], 1e-14 * Math.max(1, Math.abs(values[0])));
        }
    }

    /** Mixed exponents: the most negative one leaves, so no division remains inside the sum. */
    @Test
    void theMostNegativeExponentIsTakenOut() {
        Node out = new FactorDivisors().rewrite(f, r.read("a / u^3 + b / u^2"));
        assertEquals("(a + u*b) / u^3", geo.compiler.print.TextPrinter.print(out));
        Node kept = r.read("a / u + b");
        assertSame(kept, new FactorDivisors().rewrite(f, kept));
        Node constant = r.read("a / u + 1");
        assertSame(constant, new FactorDivisors().rewrite(f, constant));
    }

    @Test
    void aSimplificationThatCostsMoreIsNotKept() {
        Node a = r.read("x * y + z");
        assertSame(a, KernelSimplifier.run(f, new Node[] {a})[0]);
    }
}
