package geo.compiler.ad;

import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.PassReport;
import geo.compiler.ir.Symbol;
import geo.compiler.print.LatexPrinter;
import geo.compiler.print.TextPrinter;
import geo.compiler.simplify.Simplifier;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10⁵-step expressions through the whole core — build, intern, differentiate both ways,
 * simplify, print, interpret — on a thread with a 256 KiB stack, so any recursion whose depth
 * grows with the DAG would overflow.
 */
class LargeDagTest {

    private static final int STEPS = 100_000;

    /** Runs {@code body} on a thread with a small stack and rethrows what it threw. */
    private static void onSmallStack(Runnable body) throws Throwable {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static Node chain(NodeFactory f, Node x0, Node c) {
        Node x = x0;
        for (int k = 0; k < STEPS; k++) {
            x = f.add(f.sin(x), f.mul(x, c));
        }
        return x;
    }

    @Test
    void chainSinPlusLinear() throws Throwable {
        onSmallStack(() -> {
            long t0 = System.nanoTime();
            NodeFactory f = new NodeFactory();
            Symbol s0 = Symbol.input("x0", 0);
            Symbol sc = Symbol.input("c", 1);
            Node y = chain(f, f.symbol(s0), f.symbol(sc));
            long t1 = System.nanoTime();
            assertSame(y, chain(f, f.symbol(s0), f.symbol(sc)), "interning makes the rebuilt chain identical");
            int nodes = Dag.count(y);
            assertTrue(nodes >= 3 * STEPS, "nodes " + nodes);

            long t2 = System.nanoTime();
            Node forward = ForwardMode.derivative(f, y, s0);
            long t3 = System.nanoTime();
            Node[] reverse = ReverseMode.gradient(f, y, s0, sc);
            long t4 = System.nanoTime();
            Node[] simplified = Simplifier.standard().run(f, new Node[] {y}, new PassReport());
            long t5 = System.nanoTime();
            String text = TextPrinter.print(y);
            String gradText = TextPrinter.lets(reverse, new String[] {"dx0", "dc"});
            String latex = LatexPrinter.print(forward);
            long t6 = System.nanoTime();
            Program p = Program.compile(y, forward, reverse[0], reverse[1]);
            double[] out = p.evaluate(new Bindings().inputs(0.3, 0.5));
            long t7 = System.nanoTime();

            assertSame(y, simplified[0], "nothing to simplify in the chain");
            assertTrue(text.lines().count() >= STEPS, "let form has a line per shared step");
            assertTrue(text.startsWith("let t1 = "), text.substring(0, 40));
            assertTrue(gradText.contains("\ndc = "), "named output line");
            assertTrue(latex.startsWith("\\begin{aligned}"));

            double x = 0.3;
            double c = 0.5;
            double dx0 = 1;
            double dc = 0;
            for (int k = 0; k < STEPS; k++) {
                double local = Math.cos(x) + c;
                dc = local * dc + x;
                dx0 = local * dx0;
                x = Math.sin(x) + x * c;
            }
            assertEquals(x, out[0], 0.0, "value is computed exactly as in Java");
            assertEquals(dx0, out[1], 1e-12);
            assertEquals(dx0, out[2], 1e-12);
            assertEquals(dc, out[3], 1e-10 * Math.abs(dc));

            System.out.printf("10^5-step chain: %d nodes; build %.0f ms, forward %.0f ms (%d nodes), reverse %.0f ms"
                            + " (%d nodes), simplify %.0f ms, print %.0f ms (%d chars), interpret %.0f ms%n",
                    nodes, ms(t0, t1), ms(t2, t3), Dag.count(forward), ms(t3, t4), Dag.count(reverse),
                    ms(t4, t5), ms(t5, t6), text.length(), ms(t6, t7));
        });
    }

    @Test
    void deepUnsharedNestingPrintsAndDifferentiates() throws Throwable {
        onSmallStack(() -> {
            NodeFactory f = new NodeFactory();
            Symbol sx = Symbol.input("x", 0);
            Node y = f.symbol(sx);
            for (int k = 0; k < STEPS; k++) {
                y = k % 2 == 0 ? f.sin(y) : f.tanh(y);
            }
            Node d = ReverseMode.gradient(f, y, sx)[0];
            String text = TextPrinter.print(y);
            assertTrue(text.lines().count() > STEPS / 100, "long lines are split into lets");
            assertTrue(text.lines().allMatch(l -> l.length() < 2000), "no line is huge");
            double[] out = Program.compile(y, d).evaluate(new Bindings().inputs(0.7));
            double v = 0.7;
            double dv = 1;
            for (int k = 0; k < STEPS; k++) {
                if (k % 2 == 0) {
                    dv *= Math.cos(v);
                    v = Math.sin(v);
                } else {
                    v = geo.runtime.api.Tanh.tanh(v); // the system's tanh, which the interpreter computes
                    dv *= 1 - v * v;
                }
            }
            assertEquals(v, out[0], 0.0);
            assertEquals(dv, out[1], 1e-9 * Math.abs(dv));
            assertTrue(f.size() < 10 * STEPS);
        });
    }

    /**
     * y ← y + sin(y): flattening the growing sum into each new one would be quadratic; the
     * factory's cap keeps it linear. (2·10⁴ steps: every sum here has ~64 operands, so this
     * pathological case costs about 64× per node what the chain above does.)
     */
    @Test
    void accumulatingSumsStayLinear() throws Throwable {
        onSmallStack(() -> {
            NodeFactory f = new NodeFactory();
            Symbol sx = Symbol.input("x", 0);
            Node y = f.symbol(sx);
            int steps = STEPS / 5;
            for (int k = 0; k < steps; k++) {
                y = f.add(y, f.sin(y));
            }
            Node[] g = ReverseMode.gradient(f, y, sx);
            Dag dag = Dag.of(y, g[0]);
            long edges = 0;
            for (int i = 0; i < dag.size(); i++) {
                edges += dag.node(i).arity();
            }
            assertTrue(edges <= (long) NodeFactory.MAX_FLAT * dag.size(), "edges " + edges);
            assertTrue(dag.size() < 8 * steps, "nodes " + dag.size());
            double[] out = Program.compile(y).evaluate(new Bindings().inputs(0.1));
            assertTrue(Double.isFinite(out[0]));
        });
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }
}
