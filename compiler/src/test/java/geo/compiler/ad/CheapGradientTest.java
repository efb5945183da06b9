package geo.compiler.ad;

import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.compiler.testing.Networks;
import geo.compiler.testing.Numeric;
import geo.compiler.testing.RandomDags;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cheap-gradient principle in node counts: the reverse-mode gradient of a scalar (all
 * adjoints together, counting every distinct node reachable from them, including the reused
 * nodes of the function) has at most 4× the distinct nodes of the function.
 */
class CheapGradientTest {

    private static final double MAX_RATIO = 4.0;

    private static double ratio(NodeFactory f, Node y) {
        Map<Symbol, Node> grad = ReverseMode.vjp(f, new Node[] {y}, new Node[] {f.one()});
        return (double) Dag.count(grad.values().toArray(new Node[0])) / Dag.count(y);
    }

    @Test
    void randomDags() {
        double worst = 0;
        for (long seed = 1; seed <= 30; seed++) {
            NodeFactory f = new NodeFactory();
            Random rnd = new Random(seed);
            Node[] leaves = new Node[4];
            for (int i = 0; i < leaves.length; i++) {
                leaves[i] = f.input("x" + i, i);
            }
            Node y = seed % 2 == 0 ? RandomDags.anyOps(f, leaves, 100 + 50 * (int) seed, rnd)
                    : RandomDags.smooth(f, leaves, 100 + 50 * (int) seed, rnd);
            double r = ratio(f, y);
            worst = Math.max(worst, r);
            assertTrue(r <= MAX_RATIO, "seed " + seed + ": gradient/function nodes = " + r);
        }
        System.out.printf("cheap gradient, random DAGs: worst ratio %.2f%n", worst);
    }

    @Test
    void tanhNetworkMetric() {
        NodeFactory f = new NodeFactory();
        Node[] g = Networks.metric(f, 32);
        Node q = Networks.quadraticForm(f, g);
        Node trace = f.add(g[0], g[2]);
        double rq = ratio(f, q);
        double rt = ratio(f, trace);
        System.out.printf("cheap gradient, tanh network d=2 h=32: v'gv %d nodes ratio %.2f; trace ratio %.2f%n",
                Dag.count(q), rq, rt);
        assertTrue(rq <= MAX_RATIO, "v'gv gradient/function nodes = " + rq);
        assertTrue(rt <= MAX_RATIO, "trace gradient/function nodes = " + rt);
    }

    @Test
    void networkGradientMatchesFiniteDifferences() {
        NodeFactory f = new NodeFactory();
        int hidden = 8;
        Node q = Networks.quadraticForm(f, Networks.metric(f, hidden));
        List<Symbol> wrt = new ArrayList<>();
        for (int i = 0; i < Networks.paramCount(hidden); i++) {
            wrt.add(Symbol.param(name(hidden, i), i));
        }
        wrt.add(Symbol.coord(0));
        wrt.add(Symbol.coord(1));
        Node[] grad = ReverseMode.gradient(f, q, wrt.toArray(new Symbol[0]));
        Program value = Program.compile(q);
        Program gradient = Program.compile(grad);
        Random rnd = new Random(7);
        double[] theta = new double[Networks.paramCount(hidden)];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = 0.3 * rnd.nextGaussian();
        }
        double[] x = {0.4, -0.7};
        double[] v = {1.1, 0.5};
        double[] gv = gradient.evaluate(new Bindings().params(theta).coords(x).velocities(v));
        double q0 = value.evaluate(new Bindings().params(theta).coords(x).velocities(v))[0];
        for (int k = 0; k < wrt.size(); k++) {
            Symbol s = wrt.get(k);
            double[] array = s.kind() == Symbol.Kind.PARAM ? theta : x;
            double keep = array[s.index()];
            double h = Numeric.STEP * Math.max(1, Math.abs(keep));
            array[s.index()] = keep + h;
            double plus = value.evaluate(new Bindings().params(theta).coords(x).velocities(v))[0];
            array[s.index()] = keep - h;
            double minus = value.evaluate(new Bindings().params(theta).coords(x).velocities(v))[0];
            array[s.index()] = keep;
            Numeric.assertDerivative("d/d" + s.name(), gv[k], (plus - minus) / (2 * h), q0);
        }
    }

    private static String name(int hidden, int i) {
        int b1 = 2 * hidden;
        int w2 = b1 + hidden;
        int b2 = w2 + 3 * hidden;
        if (i < b1) {
            return "W1[" + i / 2 + "," + i % 2 + "]";
        }
        if (i < w2) {
            return "b1[" + (i - b1) + "]";
        }
        if (i < b2) {
            return "W2[" + (i - w2) / hidden + "," + (i - w2) % hidden + "]";
        }
        return "b2[" + (i - b2) + "]";
    }
}
