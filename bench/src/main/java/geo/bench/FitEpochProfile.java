package geo.bench;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.BatchLossKernels;
import geo.runtime.api.LossKernels;
import geo.runtime.data.table.DataSet;
import geo.runtime.learn.Execution;
import geo.runtime.learn.Stopping;
import geo.runtime.learn.fit.FitOptions;
import geo.runtime.learn.fit.Fitter;
import geo.runtime.learn.fit.Optimisation;
import geo.runtime.load.Model;
import geo.runtime.optim.AdamW;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Where the time of one {@code geo fit} epoch goes ({@link FitEpochBenchmark}'s network and data,
 * one thread, so every part runs on this thread and its CPU time is measured, which a loaded
 * machine disturbs far less than wall-clock time): the compiled loss-and-gradient kernel over all
 * rows; the same with the per-row sum of the θ-gradients; the Adam steps of an epoch; and the whole
 * epoch through {@link Fitter}. The minimum of 5 repetitions after 3 warm-up ones.
 *
 * <p>Run: {@code java [--add-modules jdk.incubator.vector] [-Dquick=true] -cp bench/target/benchmarks.jar
 * geo.bench.FitEpochProfile [BATCH]} (default 64; with {@code quick} only the batch kernel and the
 * whole epoch are timed). With the module the batch kernel's matrix products, outer-product sums and
 * tanh run on {@code DoubleVector}s, as under {@code ./geo fit}; without it, as plain loops (the
 * first line says which).
 */
public final class FitEpochProfile {

    /** {@code -Dquick=true}: only the batch kernel and the epoch (the per-row parts print as 0). */
    private static final boolean QUICK = Boolean.getBoolean("quick");

    private FitEpochProfile() {
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        SourceFile file = SourceFile.of("net.geo", FitEpochBenchmark.NETWORK);
        Model m = Compiler.compile(Frontend.check(file).program(), file).load().only();
        LossKernels loss = m.loss();
        double[] theta = m.defaultParameters();
        int rows = FitEpochBenchmark.ROWS;
        SplittableRandom random = new SplittableRandom(1);
        double[] values = new double[rows * 3];
        int[] lines = new int[rows];
        for (int r = 0; r < rows; r++) {
            values[3 * r] = random.nextDouble(-1, 1);
            values[3 * r + 1] = random.nextDouble(-1, 1);
            values[3 * r + 2] = Math.sin(3 * values[3 * r]) * Math.cos(2 * values[3 * r + 1]);
            lines[r] = r + 2;
        }
        DataSet data = new DataSet("bench", 3, values, lines);
        int p = theta.length;
        double[] in = new double[3];
        double[] gIn = new double[3];
        double[] gTheta = new double[p];
        double[] sum = new double[p];
        FitOptions options = FitOptions.DEFAULTS.with(Optimisation.DEFAULTS.withBatchSize(batch))
                .with(Stopping.DEFAULTS.withMaxEpochs(1)).with(new Execution(0, 1));
        int steps = (rows + batch - 1) / batch;
        double[] kernel = new double[8];
        double[] accumulate = new double[8];
        double[] adam = new double[8];
        double[] epoch = new double[8];
        double[] hand = new double[8];
        double[] batchKernel = new double[8];
        double[] perRowEpoch = new double[8];
        BatchLossKernels batchLoss = (BatchLossKernels) loss;
        double[][] work = BatchLossKernels.work(batchLoss, batch);
        LossKernels perRow = new PerRow(loss);
        double[] handSum = new double[p];
        HandWrittenRow byHand = new HandWrittenRow();
        data.row(5, in);
        loss.lossGradient(in, theta, gIn, gTheta);
        java.util.Arrays.fill(handSum, 0);
        byHand.accumulate(in, theta, handSum);
        for (int i = 0; i < p; i++) {
            if (Math.abs(handSum[i] - gTheta[i]) > 1e-12 * (1 + Math.abs(gTheta[i]))) {
                throw new AssertionError("the hand-written gradient differs at θ[" + i + "]");
            }
        }
        double sink = 0;
        for (int rep = 0; rep < 8; rep++) {
            long t0 = cpu();
            for (int r = 0; r < (QUICK ? 0 : rows); r++) {
                data.row(r, in);
                sink += loss.lossGradient(in, theta, gIn, gTheta);
            }
            long t1 = cpu();
            for (int r = 0; r < (QUICK ? 0 : rows); r++) {
                data.row(r, in);
                sink += loss.lossGradient(in, theta, gIn, gTheta);
                for (int i = 0; i < p; i++) {
                    sum[i] += gTheta[i];
                }
            }
            long t2 = cpu();
            AdamW steps1 = new AdamW(p, 1e-3, 0);
            double[] x = theta.clone();
            for (int s = 0; s < steps; s++) {
                steps1.step(x, gTheta);
            }
            long t3 = cpu();
            sink += new Fitter(loss, options).fit(data, Optional.empty(), theta).epochs().get(0).train();
            long t4 = cpu();
            for (int r = 0; r < (QUICK ? 0 : rows); r++) {
                data.row(r, in);
                sink += byHand.accumulate(in, theta, handSum);
            }
            long t5 = cpu();
            for (int r0 = 0; r0 < rows; r0 += batch) {
                int n = Math.min(batch, rows - r0);
                for (int b = 0; b < n; b++) {
                    data.row(r0 + b, in);
                    for (int i = 0; i < in.length; i++) {
                        work[i][b] = in[i];
                    }
                }
                java.util.Arrays.fill(sum, 0);
                sink += batchLoss.lossGradientBatch(n, work, theta, sum);
            }
            long t6 = cpu();
            if (!QUICK) {
                sink += new Fitter(perRow, options).fit(data, Optional.empty(), theta).epochs().get(0).train();
            }
            long t7 = cpu();
            batchKernel[rep] = (t6 - t5) * 1e-6;
            perRowEpoch[rep] = (t7 - t6) * 1e-6;
            hand[rep] = (t5 - t4) * 1e-6;
            kernel[rep] = (t1 - t0) * 1e-6;
            accumulate[rep] = (t2 - t1) * 1e-6;
            adam[rep] = (t3 - t2) * 1e-6;
            epoch[rep] = (t4 - t3) * 1e-6;
        }
        System.out.printf("batch %d, %d rows, %d parameters, one thread, CPU ms (min of 5 after 3 warm-up); batch loops: %s%n",
                batch, rows, p, geo.runtime.lanes.LaneLoops.vectorised() ? "Vector API (jdk.incubator.vector)"
                        : "plain loops (no incubator module)");
        System.out.printf("  kernel lossGradient, all rows       %8.1f ms  (%.2f µs/row)%n", min(kernel),
                1e3 * min(kernel) / rows);
        System.out.printf("  kernel + per-row gradient sum       %8.1f ms%n", min(accumulate));
        System.out.printf("  %d Adam steps                     %8.1f ms%n", steps, min(adam));
        System.out.printf("  batch kernel lossGradientBatch, %d rows a call, with packing, gradient zeroed per call %8.1f ms  (%.2f µs/row)%n",
                batch, min(batchKernel), 1e3 * min(batchKernel) / rows);
        System.out.printf("  whole epoch (Fitter, 1 thread)      %8.1f ms%n", min(epoch));
        System.out.printf("  whole epoch, per-row path (the kernel without its batch interface) %8.1f ms%n",
                min(perRowEpoch));
        System.out.printf("  hand-written Java per-row loss and gradient, summed in place, all rows %8.1f ms (%.2f µs/row)%n",
                min(hand), 1e3 * min(hand) / rows);
        System.out.println("  (sink " + (sink == 42 ? "" : "ok") + ")");
    }

    /** The loss without its batch kernel: the fitting loop takes its per-row path. */
    static final class PerRow implements LossKernels {
        private final LossKernels k;

        PerRow(LossKernels k) {
            this.k = k;
        }

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
        public geo.runtime.api.ModelDescriptor descriptor() {
            return k.descriptor();
        }

        @Override
        public geo.runtime.api.CompiledModel copy() {
            return new PerRow((LossKernels) k.copy());
        }
    }

    private static long cpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.getCurrentThreadCpuTime();
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (int k = 3; k < a.length; k++) {
            m = Math.min(m, a[k]);
        }
        return m;
    }

    /**
     * The network's per-row loss and θ-gradient written by hand with loops (forward, then back
     * propagation), adding the gradient into a running sum: what per-row code at its best does,
     * for comparison with the compiled kernel. θ layout: W1[64, 2], b1[64], W2[64, 64], b2[64], w3[64], b3.
     */
    static final class HandWrittenRow {
        private final double[] h1 = new double[64];
        private final double[] h2 = new double[64];
        private final double[] d2 = new double[64];

        double accumulate(double[] in, double[] th, double[] g) {
            double x0 = in[0];
            double x1 = in[1];
            for (int j = 0; j < 64; j++) {
                h1[j] = Math.tanh(th[2 * j] * x0 + th[2 * j + 1] * x1 + th[128 + j]);
            }
            double out = th[4416];
            for (int i = 0; i < 64; i++) {
                double a = th[4288 + i];
                int row = 192 + 64 * i;
                for (int j = 0; j < 64; j++) {
                    a += th[row + j] * h1[j];
                }
                h2[i] = Math.tanh(a);
                out += th[4352 + i] * h2[i];
            }
            double r = out - in[2];
            double d = 2 * r;
            g[4416] += d;
            for (int i = 0; i < 64; i++) {
                g[4352 + i] += d * h2[i];
                double di = d * th[4352 + i] * (1 - h2[i] * h2[i]);
                d2[i] = di;
                g[4288 + i] += di;
                int row = 192 + 64 * i;
                for (int j = 0; j < 64; j++) {
                    g[row + j] += di * h1[j];
                }
            }
            for (int j = 0; j < 64; j++) {
                double s = 0;
                for (int i = 0; i < 64; i++) {
                    s += th[192 + 64 * i + j] * d2[i];
                }
                double d1 = s * (1 - h1[j] * h1[j]);
                g[128 + j] += d1;
                g[2 * j] += d1 * x0;
                g[2 * j + 1] += d1 * x1;
            }
            return r * r;
        }
    }
}
