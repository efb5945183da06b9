package geo.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.derive.Kernels;
import geo.compiler.derive.LossInputRole;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.compiler.lower.LoweredLoss;
import geo.compiler.lower.Lowering;
import geo.compiler.source.SourceFile;
import geo.runtime.api.LossKernels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The loss kernels' Hessian–vector product, {@link ForwardMode#sharedJvp} of
 * {@link ReverseMode#sharedGradient} ({@link Kernels#lossHvp}), on a small TaskMet prediction loss
 * ℓ(x, y) = Λ_φ(x)·(ŷ_θ(x) − y)² (a 20→24→1 tanh predictor, a 20→16→1 relu metric factor
 * L, Λ = L² + eˢ): it is the product the canonical forward sweep ({@link ForwardMode#jvp}) gives
 * to rounding (1e-12 of the largest component), agrees with central differences of the gradient
 * along w ({@value #RTOL} of the largest component, step {@value #H}), the compiled kernel gives
 * the interpreter's values (1e-13 of the largest component; measured: identical, the emitter's
 * loops sum in the order of the sums' operands), and it has at most 3 times the gradient's
 * operands (measured 2.64×) and fewer than the canonical sweep (2.99×). Its speed comes mostly
 * from the layer products becoming loops, which {@code bench} measures.
 */
class SharedHvpTest {

    private static final double RTOL = 1e-7;
    /** Central-difference step: truncation ~h²·|ℓ''''| ≈ 1e-10, rounding ~1e-16/h ≈ 1e-11 relative. */
    private static final double H = 1e-5;

    private static final String LOSS = """
            param W1[24, 20] ~ uniform(-0.4, 0.4);
            param b1[24] ~ uniform(-0.2, 0.2);
            param W2[24] ~ uniform(-0.3, 0.3);
            param b2 ~ uniform(-0.1, 0.1);
            param M1[16, 20] ~ uniform(-0.4, 0.4);
            param c1[16] ~ uniform(-0.2, 0.2);
            param M2[16] ~ uniform(-0.3, 0.3);
            param c2 ~ uniform(-0.1, 0.1);
            param s = 0.1;
            fn predict(x[20]) = tanh(dot(W2, tanh(W1 * x + b1)) + b2);
            fn lfactor(x[20]) = dot(M2, relu(M1 * x + c1)) + c2;
            loss pred(x[20], y) = (lfactor(x)^2 + exp(s)) * (predict(x) - y)^2;
            """;

    @Test
    void hvpMatchesTheCanonicalSweepFiniteDifferencesAndTheCompiledKernel() {
        NodeFactory f = new NodeFactory();
        SourceFile source = SourceFile.of("pred.geo", LOSS);
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        LoweredLoss loss = Lowering.lowerLoss(r.program(), r.program().losses().get(0), f);
        int n = loss.inputCount();
        int p = loss.params().size();
        int dim = n + p;
        Symbol[] wrt = Kernels.lossSymbols(loss);
        Node[] gradient = Kernels.lossGradient(f, loss);
        Node[] shared = Kernels.lossHvp(f, loss);
        LossInputRole.Layout l = Kernels.lossLayout(loss);
        Symbol[] w = Symbols(l);
        Map<Symbol, Node> direction = new HashMap<>();
        for (int k = 0; k < wrt.length; k++) {
            direction.put(wrt[k], f.symbol(w[k]));
        }
        Node[] canonical = ForwardMode.jvp(f, gradient, direction);
        Program value = Program.compile(gradient);
        Program hvp = Program.compile(shared);
        Program reference = Program.compile(canonical);
        LossKernels k = (LossKernels) Compiler.compile(r.program(), source).load().models().stream()
                .filter(m -> m.descriptor().name().equals("pred")).findFirst().orElseThrow().newInstance();
        SplittableRandom random = new SplittableRandom(7);
        double[] theta0 = loss.params().initialValues(3);
        double worstFd = 0;
        double worstCompiled = 0;
        for (int trial = 0; trial < 4; trial++) {
            double[] in = new double[n];
            for (int i = 0; i < n; i++) {
                in[i] = random.nextDouble(-1, 1);
            }
            double[] theta = theta0.clone();
            for (int i = 0; i < p; i++) {
                theta[i] += random.nextDouble(-0.05, 0.05);
            }
            double[] dir = new double[dim];
            for (int i = 0; i < dim; i++) {
                // The last trial: θ-only directions, as LossHessian uses the kernel.
                dir[i] = trial == 3 && i < n ? 0 : random.nextDouble(-1, 1);
            }
            Bindings at = new Bindings().inputs(concat(in, dir)).params(theta);
            double[] hw = hvp.evaluate(at);
            double[] ref = reference.evaluate(at);
            double scale = maxAbs(hw);
            for (int i = 0; i < dim; i++) {
                assertEquals(ref[i], hw[i], 1e-12 * scale, "shared against canonical sweep, component " + i);
            }
            double[] gp = value.evaluate(shifted(in, theta, dir, H));
            double[] gm = value.evaluate(shifted(in, theta, dir, -H));
            for (int i = 0; i < dim; i++) {
                double fd = (gp[i] - gm[i]) / (2 * H);
                worstFd = Math.max(worstFd, Math.abs(fd - hw[i]) / scale);
                assertEquals(fd, hw[i], RTOL * scale, "HVP against central differences, component " + i);
            }
            double[] hIn = new double[n];
            double[] hTheta = new double[p];
            k.lossHvp(in, theta, Arrays.copyOfRange(dir, 0, n), Arrays.copyOfRange(dir, n, dim), hIn, hTheta);
            for (int i = 0; i < dim; i++) {
                double c = i < n ? hIn[i] : hTheta[i - n];
                worstCompiled = Math.max(worstCompiled, Math.abs(c - hw[i]) / scale);
                assertEquals(hw[i], c, 1e-13 * scale, "compiled against interpreter, component " + i);
            }
        }
        int g = SharedGradientTest.operands(gradient);
        int s = SharedGradientTest.operands(shared);
        int c = SharedGradientTest.operands(canonical);
        System.out.printf("loss HVP: |AD - FD| %.1e, |compiled - interpreter| %.1e of the largest component; "
                + "operands: gradient %d, shared HVP %d (%.2fx), canonical sweep %d (%.2fx)%n", worstFd, worstCompiled,
                g, s, (double) s / g, c, (double) c / g);
        assertTrue(s <= 3 * g, "shared HVP " + s + " operands, gradient " + g);
        assertTrue(c > s, "canonical sweep " + c + " operands, shared HVP " + s);
    }

    private static Symbol[] Symbols(LossInputRole.Layout l) {
        Symbol[] a = LossInputRole.W_INPUT.symbols(l);
        Symbol[] b = LossInputRole.W_THETA.symbols(l);
        Symbol[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Bindings shifted(double[] in, double[] theta, double[] dir, double h) {
        double[] i2 = in.clone();
        double[] t2 = theta.clone();
        for (int i = 0; i < i2.length; i++) {
            i2[i] += h * dir[i];
        }
        for (int i = 0; i < t2.length; i++) {
            t2[i] += h * dir[in.length + i];
        }
        return new Bindings().inputs(i2).params(t2);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
