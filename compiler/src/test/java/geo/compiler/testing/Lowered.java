package geo.compiler.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.check.CheckedProgram;
import geo.compiler.driver.Frontend;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.Lowering;
import geo.compiler.ir.NodeFactory;
import geo.compiler.source.SourceFile;

/** Source text to a lowered model, for the derivation tests. */
public final class Lowered {

    private Lowered() {
    }

    /**
     * The first manifold of {@code src}, checked (failing the test with the diagnostics when it
     * does not check) and lowered into {@code f}.
     */
    public static LoweredModel firstManifold(String src, NodeFactory f) {
        Frontend.Result r = Frontend.check(SourceFile.of("t.geo", src));
        assertTrue(r.ok(), r.diagnostics().render());
        CheckedProgram p = r.program();
        return Lowering.lowerModel(p, p.manifolds().get(0), f);
    }
}
