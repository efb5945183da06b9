package geo.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.BatchFunctionKernels;
import geo.runtime.api.FunctionKernels;
import geo.runtime.load.ModelSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch value of a fn ({@link BatchFunctionKernels#valueBatch}) against the per-row
 * {@code value}, row by row: the Lagrangian-OT amortiser (4 → 128 → 128 → 36, relu, its products
 * as matrix–matrix loops over the batch), a leaky-relu network with a residual input, a fn of
 * several library functions and a constant output. Both compute each row's values with the same
 * operations in the same order, so they must agree bit for bit (no tanh here); batches of 1, of 7
 * (not a multiple of the loops' unrolling) and of 64.
 */
class FnBatchKernelTest {

    private static final String AMORTISER = """
            param aW1[128, 2] ~ normal(0, 0.5);  param aV1[128, 2] ~ normal(0, 0.5);  param ab1[128] ~ normal(0, 0.1);
            param aW2[128, 128] ~ normal(0, 0.1); param ab2[128] ~ normal(0, 0.1);
            param aW3[36, 128] ~ normal(0, 0.1); param ab3[36] ~ normal(0, 0.1);
            fn path(x[2], y[2]) = aW3 * relu(aW2 * relu(aW1 * x + aV1 * y + ab1) + ab2) + ab3;
            """;

    private static final String NETS = """
            param W1[32, 2] ~ normal(0, 0.7);   param b1[32] ~ normal(0, 0.1);
            param W2[32, 32] ~ normal(0, 0.18); param b2[32] ~ normal(0, 0.1);
            param W4[2, 32] ~ normal(0, 0.18);  param b4[2] ~ normal(0, 0.1);
            def lr(a) = leaky_relu(a, 0.01);
            fn T(x[2]) = x + W4 * lr(W2 * lr(W1 * x + b1) + b2) + b4;
            fn misc(x[3]) = [exp(x[0]) * sin(x[1]) + x[2]^3, softplus(x[0] - x[2]) / (1 + x[1]^2), max(x[0], x[1]), 2.5];
            """;

    private static ModelSet compile(String name, String text) {
        SourceFile src = SourceFile.of(name, text);
        Frontend.Result r = Frontend.check(src);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), src).load();
    }

    @Test
    void theAmortiserBatchGivesEachRowsBits() {
        FunctionKernels f = compile("amortiser.geo", AMORTISER).function("path").function();
        for (int n : new int[] {1, 7, 64}) {
            check(f, n, n);
        }
    }

    @Test
    void residualNetworksAndLibraryFunctionsGiveTheSameBits() {
        ModelSet set = compile("nets.geo", NETS);
        check(set.function("T").function(), 7, 1);
        check(set.function("misc").function(), 7, 2);
        check(set.function("misc").function(), 1, 3);
    }

    private static void check(FunctionKernels f, int n, long seed) {
        assertTrue(f instanceof BatchFunctionKernels, f.descriptor().name() + " has no batch kernel");
        BatchFunctionKernels k = (BatchFunctionKernels) f;
        SplittableRandom r = new SplittableRandom(seed);
        int in = f.descriptor().inputCount();
        int m = 1;
        for (int s : f.descriptor().output()) {
            m *= s;
        }
        double[] theta = new double[f.descriptor().parameterCount()];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = 0.3 * r.nextGaussian();
        }
        double[][] rows = new double[n][in];
        double[][] w = BatchFunctionKernels.work(k, n);
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < in; i++) {
                rows[b][i] = r.nextGaussian();
                w[i][b] = rows[b][i];
            }
        }
        k.valueBatch(n, w, theta);
        double[] out = new double[m];
        boolean nonZero = false;
        for (int b = 0; b < n; b++) {
            f.value(rows[b], theta, out);
            for (int j = 0; j < m; j++) {
                assertEquals(Double.doubleToLongBits(out[j]), Double.doubleToLongBits(w[k.batchOutputSlot() + j][b]),
                        f.descriptor().name() + " row " + b + " output " + j + ": " + out[j] + " vs "
                                + w[k.batchOutputSlot() + j][b]);
                nonZero |= out[j] != 0;
            }
        }
        assertFalse(!nonZero, "all outputs zero: the test would not see a wrong kernel");
    }
}
