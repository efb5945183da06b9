package geo.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.BatchLossKernels;
import geo.runtime.api.CompiledModel;
import geo.runtime.api.LossKernels;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.data.table.DataSet;
import geo.runtime.learn.Execution;
import geo.runtime.learn.Stopping;
import geo.runtime.learn.fit.FitOptions;
import geo.runtime.learn.fit.FitResult;
import geo.runtime.learn.fit.Fitter;
import geo.runtime.learn.fit.Optimisation;
import geo.runtime.load.Model;
import geo.runtime.load.ModelSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch loss gradient ({@link BatchLossKernels#lossGradientBatch}) against the per-row kernel
 * summed over the batch row by row, as the fitting loop sums it: the 2→64→64→1 tanh network (its
 * matrix products as batch loops), a loss with noise inputs and several library functions, losses
 * with grad(...) and jacobian(...) inside, and a batch of 1 and one that is not a multiple of the
 * loops' unrolling. Both add each θ-gradient element's rows in row order and compute each row's
 * values with the same operations, tanh included (the batch kernel's {@code LaneLoops.tanh} has
 * the bits of {@code geo.runtime.api.Tanh}, which the per-row kernel calls; until session 12 it was
 * within 10 ulp of {@code Math.tanh}); the tolerance, from then, is 1e-12 relative to the largest
 * element of Σ|∇θ ℓ| (and to Σ|ℓ| for the loss).
 */
class LossBatchKernelTest {

    private static final String NET = """
            param W1[64, 2] ~ normal(0, 0.5);
            param b1[64] ~ normal(0, 0.1);
            param W2[64, 64] ~ normal(0, 0.125);
            param b2[64] ~ normal(0, 0.1);
            param w3[64] ~ normal(0, 0.125);
            param b3 = 0.1;
            def layer(W, b, x) = tanh(W * x + b);
            loss mse(x[2], y) = (w3' * layer(W2, b2, layer(W1, b1, x)) + b3 - y)^2;
            """;

    private static final String NOISE = """
            param W1[20, 3] ~ normal(0, 0.7);
            param b1[20] = 0.1;
            param W2[2, 20] ~ normal(0, 0.3);
            fn predict(x[3]) = W2 * sin(W1 * x + b1);
            loss elbo(x[3], eps[3] ~ normal, u ~ uniform) = dot(predict(x + 0.5 * eps) - x[0:2], x[1:3]) * exp(u)
                 + softplus(x[0] * eps[1]) + max(x[1], u)^3 - 1 / (1 + u^2);
            """;

    private static ModelSet compile(String name, String text) {
        SourceFile src = SourceFile.of(name, text);
        Frontend.Result r = Frontend.check(src);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), src).load();
    }

    @Test
    void theNetworkBatchIsTheSumOfItsRows() {
        check(compile("net.geo", NET).model("mse"), 64, 1e-12, 11);
        check(compile("net.geo", NET).model("mse"), 37, 1e-12, 12);
    }

    @Test
    void noiseInputsAndLibraryFunctionsGiveTheSameBits() {
        Model m = compile("noise.geo", NOISE).model("elbo");
        check(m, 16, 0.0, 3);
        check(m, 1, 0.0, 4);
        check(m, 7, 0.0, 5);
    }

    @Test
    void lossesWithGradAndJacobianInside() throws Exception {
        String text = Files.readString(Path.of("../examples/potential.geo"));
        ModelSet set = compile("potential.geo", text);
        check(set.model("pen"), 16, 1e-12, 6);
        check(set.model("lap"), 16, 1e-12, 7);
        check(set.model("xent"), 16, 0.0, 8);
        check(set.model("misc"), 16, 0.0, 9);
    }

    /**
     * {@link LossBatchEmitter#fits} decides from the plan alone (without emitting, as it did
     * before): the segments it counts are the segment methods {@link LossBatchEmitter#emit}
     * makes, each under its byte bound, and the main method is at most 8 bytes a segment plus 9.
     * The plan groups the network's 257 lane sums by eight and reads each dot group's row in place.
     */
    @Test
    void fitsCountsTheSegmentsEmitWrites() {
        SourceFile src = SourceFile.of("net.geo", NET);
        Frontend.Result r = Frontend.check(src);
        geo.compiler.check.CheckedProgram.Loss loss = r.program().losses().get(0);
        geo.compiler.ir.NodeFactory f = new geo.compiler.ir.NodeFactory();
        ModelEmitter.Plan plan = ModelEmitter.loss(loss, geo.compiler.lower.Lowering.lowerLoss(r.program(), loss, f), f,
                "hash", "test");
        KernelSpec spec = plan.batches().get(0);
        LossBatchPlan p = LossBatchEmitter.plan(spec);
        assertTrue(LossBatchEmitter.fits(p));
        java.util.List<org.objectweb.asm.tree.MethodNode> methods = LossBatchEmitter.emit(spec, "geo/models/T");
        int segments = LossBatchEmitter.segments(p);
        assertEquals(segments + 1, methods.size(), "the main method and its segments");
        assertTrue(MethodEmitter.size(methods.get(0)) <= 8 * segments + 9, "main method size");
        for (org.objectweb.asm.tree.MethodNode m : methods) {
            assertTrue(MethodEmitter.size(m) < LossBatchEmitter.SEGMENT_BUDGET + 200, m.name + " size");
        }
        long sums = p.steps.stream().filter(st -> st instanceof LossBatchSteps.SumsTo).count();
        long copies = p.steps.stream().filter(st -> st instanceof LossBatchSteps.Copy).count();
        assertEquals(32, sums, "the 257 lane sums as 32 groups of eight and one");
        assertTrue(copies <= 2, copies + " copies");
    }

    /**
     * {@code Fitter} takes the batch kernel when the loss has one: Adam on the network over 700 rows
     * (batches of 64 and a last one of 60, two epochs) gives the same bits on 1 and 2 threads, and
     * parameters within 1e-12 of the per-row path's (the same loss without its batch interface:
     * the fallback), which differs only through tanh's last bits.
     */
    @Test
    void fitTakesTheBatchKernelAndAgreesWithThePerRowPath() {
        Model m = compile("net.geo", NET).model("mse");
        SplittableRandom rnd = new SplittableRandom(5);
        int rows = 700;
        double[] v = new double[rows * 3];
        int[] lines = new int[rows];
        for (int r = 0; r < rows; r++) {
            v[3 * r] = rnd.nextDouble(-1, 1);
            v[3 * r + 1] = rnd.nextDouble(-1, 1);
            v[3 * r + 2] = Math.sin(3 * v[3 * r]) * Math.cos(2 * v[3 * r + 1]);
            lines[r] = r + 2;
        }
        DataSet data = new DataSet("net", 3, v, lines);
        double[] theta = m.initialParameters(0);
        double[] one = fit(m.loss(), data, theta, 1);
        double[] two = fit(m.loss(), data, theta, 2);
        double[] perRow = fit(new PerRow(m.loss()), data, theta, 1);
        assertArrayEquals(one, two, 0.0, "1 and 2 threads");
        double moved = 0;
        for (int i = 0; i < theta.length; i++) {
            assertEquals(perRow[i], one[i], 1e-12, "θ[" + i + "]");
            moved = Math.max(moved, Math.abs(one[i] - theta[i]));
        }
        assertTrue(moved > 1e-3, "the fit moved θ");
    }

    private static double[] fit(LossKernels loss, DataSet data, double[] theta, int threads) {
        FitOptions o = FitOptions.DEFAULTS.with(Optimisation.DEFAULTS.withBatchSize(64))
                .with(Stopping.DEFAULTS.withMaxEpochs(2)).with(new Execution(3, threads));
        FitResult r = new Fitter(loss, o).fit(data, Optional.empty(), theta);
        return r.theta();
    }

    /** A loss without its batch interface: the fitting loop's per-row path. */
    private record PerRow(LossKernels k) implements LossKernels {
        @Override
        public double loss(double[] in, double[] theta) {
            return k.loss(in, theta);
        }

        @Override
        public double lossGradient(double[] in, double[] theta, double[] gIn, double[] gTheta) {
            return k.lossGradient(in, theta, gIn, gTheta);
        }

        @Override
        public void lossHvp(double[] in, double[] theta, double[] wIn, double[] wTheta, double[] hIn,
                            double[] hTheta) {
            k.lossHvp(in, theta, wIn, wTheta, hIn, hTheta);
        }

        @Override
        public ModelDescriptor descriptor() {
            return k.descriptor();
        }

        @Override
        public CompiledModel copy() {
            return new PerRow((LossKernels) k.copy());
        }
    }

    /** Compares one batch of {@code n} random rows with the per-row kernel summed in row order. */
    static void check(Model m, int n, double tolerance, long seed) {
        LossKernels loss = m.loss();
        assertTrue(loss instanceof BatchLossKernels, m.descriptor().name() + " has a batch kernel");
        BatchLossKernels batch = (BatchLossKernels) loss;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] theta = m.initialParameters(seed);
        int p = theta.length;
        int width = m.descriptor().inputs().stream().mapToInt(i -> i.size()).sum();
        double[][] rows = new double[n][width];
        double[][] w = BatchLossKernels.work(batch, n);
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < width; i++) {
                rows[b][i] = rnd.nextDouble(-1, 1);
                w[i][b] = rows[b][i];
            }
        }
        double sum = 0;
        double abs = 0;
        double[] g = new double[p];
        double[] gAbs = new double[p];
        double[] gIn = new double[width];
        double[] gRow = new double[p];
        double[] losses = new double[n];
        for (int b = 0; b < n; b++) {
            double l = loss.lossGradient(rows[b], theta, gIn, gRow);
            losses[b] = l;
            sum += l;
            abs += Math.abs(l);
            for (int i = 0; i < p; i++) {
                g[i] += gRow[i];
                gAbs[i] += Math.abs(gRow[i]);
            }
        }
        double[] gBatch = new double[p];
        double l = batch.lossGradientBatch(n, w, theta, gBatch);
        String name = m.descriptor().name() + ", n = " + n;
        assertEquals(sum, l, tolerance * abs, name + ": loss");
        double scale = 0;
        for (double a : gAbs) {
            scale = Math.max(scale, a);
        }
        for (int i = 0; i < p; i++) {
            assertEquals(g[i], gBatch[i], tolerance * scale, name + ": ∂ℓ/∂θ[" + i + "]");
        }
        for (int b = 0; b < n; b++) {
            assertEquals(losses[b], w[batch.batchLossSlot()][b], tolerance * abs, name + ": loss of row " + b);
        }
    }
}
