package geo.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.ir.NodeBudgetException;
import geo.compiler.ir.NodeFactory;
import geo.compiler.source.CompileException;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.SourceFile;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The node budget is the backstop behind the checker's size limits: a model whose lowering or
 * derivation would exceed it gets a diagnostic at its declaration instead of an OutOfMemoryError.
 * The budget is lowered to 100,000 nodes here (through the system property) so that the test is fast.
 */
class NodeBudgetTest {

    /** A 64-dimensional metric whose lowering alone is a 64×64·64×64 product: 262,144 products. */
    private static final String PRODUCT = """
            manifold P {
              coords x[64];
              param A[64, 64] ~ normal(0, 0.1);
              param B[64, 64] ~ normal(0, 0.1);
              let C = A * B;
              metric g = diag(exp(C * x)) + 0.01 * eye(64);
            }
            """;

    /** A dense 64-dimensional network metric: lowers in 79,204 nodes, derives in 2.1 million. */
    private static final String DENSE = """
            manifold Dense64 {
              coords x[64];
              param W1[32, 64] ~ normal(0, 0.1);
              param b1[32] = 0;
              param W2[32, 32] ~ normal(0, 0.1);
              param U[64, 32] ~ normal(0, 0.1);
              let h = tanh(W1 * x + b1);
              let s = exp(W2 * h);
              metric g = U * diag(s) * U' + 0.01 * eye(64);
            }
            """;

    private static <T> T withBudget(int budget, Supplier<T> run) {
        String old = System.getProperty(NodeFactory.BUDGET_PROPERTY);
        System.setProperty(NodeFactory.BUDGET_PROPERTY, Integer.toString(budget));
        try {
            return run.get();
        } finally {
            if (old == null) {
                System.clearProperty(NodeFactory.BUDGET_PROPERTY);
            } else {
                System.setProperty(NodeFactory.BUDGET_PROPERTY, old);
            }
        }
    }

    @Test
    void factoryRefusesTheNodePastItsBudget() {
        NodeFactory f = new NodeFactory(10);
        for (int i = 0; i < 7; i++) {
            f.coord(i); // 3 constants made by the constructor + 7 symbols = 10
        }
        assertEquals(10, f.size());
        NodeBudgetException e = assertThrows(NodeBudgetException.class, () -> f.coord(7));
        assertEquals(10, e.budget());
        assertEquals(10, f.size(), "a refused node is not added");
        assertEquals(f.coord(3), f.coord(3), "existing nodes are still found: interning makes nothing new");
    }

    @Test
    void defaultBudgetFollowsThePropertyAndTheHeap() {
        assertEquals(100_000, withBudget(100_000, NodeFactory::defaultBudget));
        int heapBound = (int) Math.min(NodeFactory.MAX_NODES, Runtime.getRuntime().maxMemory() / 256);
        assertEquals(Math.max(100_000, heapBound), NodeFactory.defaultBudget());
    }

    @Test
    void checkReportsAModelWhoseLoweringExceedsTheBudget() {
        Frontend.Result r = withBudget(100_000, () -> Frontend.check(SourceFile.of("p.geo", PRODUCT)));
        assertNull(r.program());
        assertEquals(1, r.diagnostics().errorCount(), r.diagnostics().render());
        Diagnostic d = r.diagnostics().sorted().get(0);
        assertEquals("p.geo:1:10", d.span().where());
        assertTrue(d.message().startsWith("manifold 'P' is too large to compile: its derivations need more than "
                + "100,000 expression nodes"), d.message());
        // With the default budget the same model checks cleanly.
        assertTrue(Frontend.check(SourceFile.of("p.geo", PRODUCT)).ok());
    }

    @Test
    void compileReportsAModelWhoseDerivationExceedsTheBudget() {
        SourceFile source = SourceFile.of("dense.geo", DENSE);
        Frontend.Result r = withBudget(100_000, () -> Frontend.check(source));
        assertTrue(r.ok(), "the lowered model fits: " + r.diagnostics().render());
        CompileException e = withBudget(100_000,
                () -> assertThrows(CompileException.class, () -> Compiler.compile(r.program(), source)));
        assertEquals("dense.geo:1:10", e.diagnostic().span().where());
        assertTrue(e.diagnostic().message().startsWith("manifold 'Dense64' is too large to compile"),
                e.diagnostic().message());
        assertNotNull(e.diagnostic().render());
    }
}
