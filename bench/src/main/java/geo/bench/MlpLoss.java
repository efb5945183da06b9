package geo.bench;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.LossKernels;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.load.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The compiled loss of {@code mlp.geo} (the 2→64→64→1 tanh network's squared error), its initial
 * θ and a fixed set of examples; and the check that it and {@link MlpHandWritten} agree.
 */
final class MlpLoss {

    static final String RESOURCE = "geo/bench/mlp.geo";

    /** The compiled kernels and the compilation's wall time. */
    record Compiled(Model model, LossKernels kernels, Compiler.Compiled classes, long compileNanos) {
    }

    private MlpLoss() {
    }

    static String source() {
        try (InputStream in = MlpLoss.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks and compiles {@code mlp.geo}, loads its loss, and verifies θ's layout is {@link MlpHandWritten}'s. */
    static Compiled compile() {
        long t0 = System.nanoTime();
        SourceFile file = SourceFile.of("mlp.geo", source());
        Compiler.Compiled classes = Compiler.compile(Frontend.check(file).program(), file);
        Model m = classes.load().only();
        LossKernels k = m.loss();
        long nanos = System.nanoTime() - t0;
        List<ModelDescriptor.Parameter> ps = m.descriptor().parameters();
        int[] expected = {MlpHandWritten.W1, MlpHandWritten.B1, MlpHandWritten.W2, MlpHandWritten.B2,
                MlpHandWritten.W3, MlpHandWritten.B3};
        if (ps.size() != expected.length || m.descriptor().parameterCount() != MlpHandWritten.P) {
            throw new IllegalStateException("unexpected θ layout " + ps);
        }
        for (int i = 0; i < expected.length; i++) {
            if (ps.get(i).offset() != expected[i]) {
                throw new IllegalStateException("unexpected θ layout " + ps);
            }
        }
        if (m.descriptor().inputCount() != 3) {
            throw new IllegalStateException("expected inputs x[2], y; got " + m.descriptor().inputs());
        }
        return new Compiled(m, k, classes, nanos);
    }

    /** {@code n} examples (x₀, x₁, y) with x uniform in [−1, 1]² and y = sin(3x₀)·cos(2x₁). */
    static double[][] examples(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double x0 = 2 * random.nextDouble() - 1;
            double x1 = 2 * random.nextDouble() - 1;
            out[i] = new double[] {x0, x1, Math.sin(3 * x0) * Math.cos(2 * x1)};
        }
        return out;
    }

    /**
     * The largest relative difference between the compiled and the hand-written kernels over
     * {@code examples}: of the loss (|a − b| / max(|a|, |b|), from {@code loss} and from
     * {@code lossGradient}), and of the gradient (gIn, gTheta) in the max norm,
     * ‖g_c − g_h‖∞ / ‖g_h‖∞. The gradient is compared normwise, not component by component,
     * because a component that is a cancelling sum (∂ℓ/∂W₁ from W₂ᵀδ₂, a sum of 64 terms of either
     * sign) is ill-conditioned: summed in another order it differs in relative terms by up to
     * about 1e-12 when it is 10⁻⁴ of the largest, while the normwise difference stays near 1e-16.
     */
    static double maxRelativeDifference(LossKernels k, MlpHandWritten hand, double[] theta, double[][] examples) {
        double[] gInC = new double[3];
        double[] gThC = new double[MlpHandWritten.P];
        double[] gInH = new double[3];
        double[] gThH = new double[MlpHandWritten.P];
        double worst = 0;
        for (double[] in : examples) {
            double lc = k.lossGradient(in, theta, gInC, gThC);
            double lh = hand.lossGradient(in, theta, gInH, gThH);
            worst = Math.max(worst, relative(lc, lh));
            worst = Math.max(worst, relative(k.loss(in, theta), hand.loss(in, theta)));
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < 3; i++) {
                diff = Math.max(diff, Math.abs(gInC[i] - gInH[i]));
                norm = Math.max(norm, Math.abs(gInH[i]));
            }
            for (int i = 0; i < MlpHandWritten.P; i++) {
                diff = Math.max(diff, Math.abs(gThC[i] - gThH[i]));
                norm = Math.max(norm, Math.abs(gThH[i]));
            }
            worst = Math.max(worst, diff == 0 ? 0 : Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff / norm);
        }
        return worst;
    }

    private static double relative(double a, double b) {
        if (a == b) {
            return 0;
        }
        double d = Math.abs(a - b) / Math.max(Math.max(Math.abs(a), Math.abs(b)), 1e-300);
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }
}
