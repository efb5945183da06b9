package geo.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.derive.Kernels;
import geo.compiler.driver.Frontend;
import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.compiler.lower.LoweredLoss;
import geo.compiler.lower.Lowering;
import geo.compiler.source.SourceFile;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ReverseMode#sharedGradient} is the gradient {@link ReverseMode#gradient} computes, in
 * fewer operations: on the squared error of a 2→16→16→1 tanh network it agrees to rounding
 * (1e-13 relative to the largest component) and with central differences, and it has at most two thirds
 * of the operands, because each layer's δᵢ is computed once instead of once per weight.
 */
class SharedGradientTest {

    private static final String NET = """
            param W1[16, 2] ~ normal(0, 0.5);
            param b1[16] ~ normal(0, 0.1);
            param W2[16, 16] ~ normal(0, 0.25);
            param b2[16] ~ normal(0, 0.1);
            param w3[16] ~ normal(0, 0.25);
            param b3 = 0.1;
            def layer(W, b, x) = tanh(W * x + b);
            loss mse(x[2], y) = (w3' * layer(W2, b2, layer(W1, b1, x)) + b3 - y)^2;
            """;

    @Test
    void sameGradientFewerOperations() {
        NodeFactory f = new NodeFactory();
        Frontend.Result r = Frontend.check(SourceFile.of("net.geo", NET));
        assertTrue(r.ok(), r.diagnostics().render());
        LoweredLoss loss = Lowering.lowerLoss(r.program(), r.program().losses().get(0), f);
        Symbol[] wrt = Kernels.lossSymbols(loss);
        Node[] canonical = ReverseMode.gradient(f, loss.value(), wrt);
        Node[] shared = ReverseMode.sharedGradient(f, loss.value(), wrt);
        int p = loss.params().size();
        SplittableRandom random = new SplittableRandom(3);
        double[] theta = new double[p];
        for (int i = 0; i < p; i++) {
            theta[i] = random.nextDouble(-0.6, 0.6);
        }
        double[] in = {0.3, -0.7, 0.2};
        Bindings at = new Bindings().inputs(in).params(theta);
        double[] a = Program.compile(canonical).evaluate(at);
        double[] b = Program.compile(shared).evaluate(at);
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-13 * scale, "component " + i);
        }
        // Central differences in θ for a few weights of each layer: step 1e-6, error O(h²) + O(ε/h).
        Program value = Program.compile(loss.value());
        int n = loss.inputCount();
        for (int k : new int[] {0, 33, 48 + 5 * 16 + 7, p - 17, p - 1}) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            double fd = (value.evaluate(new Bindings().inputs(in).params(up))[0]
                    - value.evaluate(new Bindings().inputs(in).params(down))[0]) / 2e-6;
            assertEquals(fd, b[n + k], 1e-8, "∂ℓ/∂θ" + k);
        }
        int before = operands(canonical);
        int after = operands(shared);
        assertTrue(3 * after <= 2 * before, "shared adjoints: " + after + " operands, canonical: " + before);
    }

    /** Operands of all sums, products and functions reachable from {@code roots}: one per operation input. */
    static int operands(Node[] roots) {
        Dag d = Dag.of(roots);
        int count = 0;
        for (int i = 0; i < d.size(); i++) {
            Node n = d.node(i);
            if (!n.isConstant() && !n.isSymbol()) {
                count += n.arity();
            }
        }
        return count;
    }
}
