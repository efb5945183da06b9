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

    @Test
    void aSimplificationThatCostsMoreIsNotKept() {
        Node a = r.read("x * y + z");
        assertSame(a, KernelSimplifier.run(f, new Node[] {a})[0]);
    }
}
