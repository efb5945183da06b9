package geo.compiler.simplify;

import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.PassReport;
import geo.compiler.testing.ExprReader;
import geo.compiler.testing.RandomDags;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimplifierTest {

    private final NodeFactory f = new NodeFactory();
    private final ExprReader r = new ExprReader(f);

    @Test
    void passesReachAFixedPointAndReport() {
        Node e = r.read("x*x*sin(y)^2 + x^2*cos(y)^2 + x*x");
        PassReport report = new PassReport();
        Node[] out = Simplifier.standard().run(f, new Node[] {e}, report);
        assertSame(f.mul(f.constant(2), f.powi(r.read("x"), 2)), out[0]);
        List<PassReport.Entry> entries = report.entries();
        assertTrue(entries.size() >= 4, report.format());
        assertEquals("collect-like-terms", entries.get(0).pass());
        assertTrue(entries.get(0).before() > entries.get(entries.size() - 1).after());
        assertTrue(report.format().contains("trig-identities"));
    }

    @Test
    void budgetStopsARunWithAValidResult() {
        Node e = r.read("x + x + y*y");
        PassReport report = new PassReport();
        Node[] out = new Simplifier(List.of(new CollectLikeTerms()), new Budget(0, 3)).run(f, new Node[] {e}, report);
        assertSame(e, out[0]);
        assertEquals("node budget exhausted", report.entries().get(0).note());
    }

    @Test
    void roundsAreCapped() {
        Node e = r.read("x + x");
        PassReport report = new PassReport();
        new Simplifier(List.of(new CollectLikeTerms()), new Budget(1000, 1)).run(f, new Node[] {e}, report);
        assertEquals(1, report.entries().size());
    }

    @Test
    void simplificationPreservesValues() {
        for (long seed = 0; seed < 20; seed++) {
            Random rnd = new Random(seed);
            Node[] leaves = {r.read("a"), r.read("b"), r.read("c")};
            Node e = RandomDags.smooth(f, leaves, 60, rnd);
            Node s = Simplifier.standard().run(f, e);
            // Merging x + x into 2*x can add a product node per merged group, never more.
            assertTrue(Dag.count(s) <= 1.25 * Dag.count(e), "seed " + seed);
            Program p = Program.compile(e, s);
            for (int i = 0; i < 10; i++) {
                double[] v = p.evaluate(new Bindings().inputs(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()));
                assertEquals(v[0], v[1], 1e-9 * Math.max(1, Math.abs(v[0])), "seed " + seed);
            }
        }
    }

    @Test
    void mixedSignPowersOnlyMergeForNonZeroBases() {
        CollectLikeTerms pass = new CollectLikeTerms();
        assertSame(r.read("x^2 / x"), pass.rewrite(f, r.read("x*x / x")));
        assertSame(r.read("exp(x)"), pass.rewrite(f, r.read("exp(x)*exp(x) / exp(x)")));
        assertSame(r.read("1 / x^3"), pass.rewrite(f, r.read("1/x * 1/x^2")));
    }
}
