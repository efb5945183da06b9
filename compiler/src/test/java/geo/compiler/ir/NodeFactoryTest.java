package geo.compiler.ir;

import geo.compiler.testing.ExprReader;
import geo.compiler.testing.RandomDags;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeFactoryTest {

    private final NodeFactory f = new NodeFactory();
    private final Node x = f.input("x", 0);
    private final Node y = f.input("y", 1);
    private final Node z = f.input("z", 2);

    @Test
    void buildingTwiceGivesTheSameObject() {
        ExprReader r = new ExprReader(f);
        String text = "exp(-x^2/2) * sin(x*y + 3) / (1 + tanh(y)) - atan(x)^3";
        assertSame(r.read(text), r.read(text));
        for (long seed = 0; seed < 5; seed++) {
            Node a = RandomDags.anyOps(f, new Node[] {x, y, z}, 200, new Random(seed));
            Node b = RandomDags.anyOps(f, new Node[] {x, y, z}, 200, new Random(seed));
            assertSame(a, b);
        }
    }

    @Test
    void commutativeOperandsAreOrderedCanonically() {
        assertSame(f.add(x, y, z), f.add(z, f.add(y, x)));
        assertSame(f.mul(x, f.sin(y), z), f.mul(f.mul(z, f.sin(y)), x));
        assertSame(f.add(f.mul(x, y), f.sin(z)), f.add(f.sin(z), f.mul(y, x)));
        Node s = f.add(f.sin(x), f.constant(2), x);
        assertEquals(Op.CONST, s.child(0).op(), "constant first");
        assertSame(x, s.child(1), "then symbols");
    }

    @Test
    void neutralAndAbsorbingElements() {
        assertSame(x, f.add(x, f.zero()));
        assertSame(x, f.mul(x, f.one()));
        assertSame(f.zero(), f.mul(x, f.zero()));
        assertSame(x, f.powi(x, 1));
        assertSame(f.one(), f.powi(x, 0));
        assertSame(x, f.pow(x, f.one()));
        assertSame(f.one(), f.pow(f.one(), x));
        assertSame(f.zero(), f.add());
        assertSame(f.one(), f.mul());
    }

    @Test
    void constantFoldingUsesTheOpTable() {
        assertSame(f.constant(14), f.add(f.constant(2), f.mul(f.constant(3), f.constant(4))));
        assertSame(f.constant(Math.sin(0.5)), f.sin(f.constant(0.5)));
        assertSame(f.constant(Op.softplus(-3)), f.softplus(f.constant(-3)));
        assertSame(f.constant(0.25), f.powi(f.constant(2), -2));
        assertSame(f.constant(Math.pow(2, 0.3)), f.pow(f.constant(2), f.constant(0.3)));
        assertSame(f.zero(), f.constant(-0.0));
        assertSame(f.constant(Double.NaN), f.log(f.constant(-1)));
        assertSame(f.constant(Double.NaN), f.add(x, f.constant(Double.NaN)));
    }

    @Test
    void subtractionNegationAndDivisionAreCanonical() {
        assertSame(f.add(x, f.mul(f.constant(-1), y)), f.sub(x, y));
        assertSame(x, f.neg(f.neg(x)));
        assertSame(f.zero(), f.sub(x, x));
        assertSame(f.zero(), f.sub(f.mul(x, y), f.mul(y, x)));
        assertSame(y, f.add(f.mul(f.constant(2), x), y, f.mul(f.constant(-2), x)));
        assertSame(f.mul(x, f.powi(y, -1)), f.div(x, y));
        assertSame(f.mul(f.constant(0.5), x), f.div(x, f.constant(2)));
    }

    @Test
    void quotientOfEqualFactorsOnlyCancelsWhenSafe() {
        assertNotSame(f.one(), f.div(x, x), "x/x is undefined at 0");
        assertSame(f.one(), f.div(f.exp(x), f.exp(x)));
        assertSame(f.one(), f.div(f.mul(f.constant(3), f.cosh(y)), f.mul(f.cosh(y), f.constant(3))));
        assertSame(y, f.mul(y, f.powi(f.sigmoid(x), 2), f.powi(f.sigmoid(x), -2)));
        assertTrue(NodeFactory.isProvablyNonZero(f.mul(f.exp(x), f.powi(f.softplus(y), -3))));
        assertTrue(!NodeFactory.isProvablyNonZero(f.add(f.exp(x), f.one())), "sums are not analysed");
    }

    @Test
    void powersStayPowers() {
        Node p = f.powi(x, 3);
        assertEquals(Op.POWI, p.op());
        assertEquals(3, p.exponent());
        assertSame(f.powi(x, 6), f.powi(f.powi(x, 2), 3));
        assertSame(f.powi(x, 2), f.powi(f.neg(x), 2));
        assertSame(f.neg(f.powi(x, 3)), f.powi(f.neg(x), 3));
        assertSame(p, f.pow(x, f.constant(3)));
        assertSame(f.sqrt(x), f.pow(x, f.constant(0.5)));
        assertEquals(Op.POW, f.pow(x, f.constant(2.5)).op());
        assertEquals(Op.POW, f.pow(x, y).op());
    }

    @Test
    void flatteningIsCappedButOrderIndependent() {
        Node[] many = new Node[50];
        Node[] more = new Node[50];
        for (int i = 0; i < 50; i++) {
            many[i] = f.sin(f.mul(f.constant(i + 1), x));
            more[i] = f.cos(f.mul(f.constant(i + 1), x));
        }
        Node a = f.add(many);
        Node b = f.add(more);
        assertEquals(50, a.arity());
        Node ab = f.add(a, b);
        assertSame(ab, f.add(b, a));
        assertTrue(ab.arity() <= NodeFactory.MAX_FLAT, "arity " + ab.arity());
    }

    @Test
    void nodesOfAnotherFactoryAreRejected() {
        NodeFactory other = new NodeFactory();
        Node foreign = other.input("x", 0);
        assertNotSame(x, foreign);
        assertThrows(IllegalArgumentException.class, () -> f.add(x, foreign));
        assertThrows(IllegalArgumentException.class, () -> f.sin(foreign));
    }

    @Test
    void aSlotHasOneName() {
        assertThrows(IllegalArgumentException.class, () -> f.input("w", 0));
        assertSame(x, f.symbol(Symbol.input("x", 0)));
        assertThrows(IllegalArgumentException.class, () -> Symbol.coord(-1));
        assertThrows(IllegalArgumentException.class, () -> new Symbol(Symbol.Kind.TIME, 1, "t"));
    }

    @Test
    void accessorsGuardTheirOp() {
        assertThrows(IllegalStateException.class, () -> x.value());
        assertThrows(IllegalStateException.class, () -> f.constant(1).symbol());
        assertThrows(IllegalStateException.class, () -> x.exponent());
        assertThrows(IllegalArgumentException.class, () -> f.unary(Op.ADD, x));
        NodeFactory g = new NodeFactory();
        assertEquals(f.sin(x).hashCode(), g.sin(g.input("x", 0)).hashCode(),
                "hash codes are structural, independent of the factory");
    }

    @Test
    void orderIsStructuralAcrossFactories() {
        NodeFactory g = new NodeFactory();
        ExprReader rf = new ExprReader(f);
        ExprReader rg = new ExprReader(g);
        String[] texts = {"x", "2", "sin(x)", "x*y", "x^2", "cos(x*y)", "exp(x) + y"};
        for (String a : texts) {
            for (String b : texts) {
                int cf = Integer.signum(NodeOrder.INSTANCE.compare(rf.read(a), rf.read(b)));
                int cg = Integer.signum(NodeOrder.INSTANCE.compare(rg.read(b), rg.read(a)));
                assertEquals(cf, -cg, a + " vs " + b);
            }
        }
    }
}
