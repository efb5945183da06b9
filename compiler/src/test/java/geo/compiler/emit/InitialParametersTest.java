package geo.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.Lowering;
import geo.compiler.source.SourceFile;
import geo.runtime.load.Model;
import geo.runtime.load.ModelLoadException;
import geo.runtime.load.Models;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** θ₀ for any seed from a loaded model equals the compiler's draw with that seed, bit for bit. */
class InitialParametersTest {

    private static final String SOURCE = "manifold I {\n coords x[2];\n param a = 1.5;\n param n[40] ~ normal(1, 0.5);\n"
            + " param c[2] = [4, 5];\n param u[30] ~ uniform(-1, 3);\n metric g = eye(2) * (1 + a * a);\n}\n";

    private static Compiler.Compiled compiled() {
        SourceFile src = SourceFile.of("i.geo", SOURCE);
        Frontend.Result r = Frontend.check(src);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), src);
    }

    @Test
    void loadedModelsDrawTheCompilersThetaForEverySeed() {
        Compiler.Compiled c = compiled();
        Model m = c.load().only();
        SourceFile src = SourceFile.of("i.geo", SOURCE);
        Frontend.Result r = Frontend.check(src);
        var lowered = Lowering.lowerModel(r.program(), r.program().manifolds().get(0), new NodeFactory());
        assertArrayEquals(m.defaultParameters(), m.initialParameters(0));
        for (long seed : new long[] {1, 7, 42, -3}) {
            double[] theta = m.initialParameters(seed);
            assertArrayEquals(lowered.params().initialValues(seed), theta, "seed " + seed);
            assertFalse(Arrays.equals(theta, m.defaultParameters()), "seed " + seed + " draws afresh");
            assertEquals(1.5, theta[0], 0);
            assertEquals(4, theta[41], 0);
            assertEquals(5, theta[42], 0);
        }
    }

    @Test
    void aJarWhoseInitialisersContradictItsDefaultsIsRefused() {
        Compiler.Compiled c = compiled();
        String index = c.indexJson().replace("\"kind\":\"normal\",\"mu\":1.0", "\"kind\":\"normal\",\"mu\":2.0");
        assertTrue(!index.equals(c.indexJson()), index);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> Models.define(index, c.classFiles(), SOURCE, "i.geo"));
        assertTrue(e.getMessage().contains("initialisers"), e.getMessage());
        String unknown = c.indexJson().replace("\"kind\":\"uniform\"", "\"kind\":\"cauchy\"");
        ModelLoadException e2 = assertThrows(ModelLoadException.class,
                () -> Models.define(unknown, c.classFiles(), SOURCE, "i.geo"));
        assertTrue(e2.getMessage().contains("cauchy"), e2.getMessage());
    }
}
