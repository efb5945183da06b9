package geo.bench;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.BatchStepKernels;
import geo.runtime.geodesic.BatchExp;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.lanes.LaneSupport;
import geo.runtime.load.Model;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * {@link ExpBenchmark}'s exp (Poincaré ball, RK4 × 100, the same 64 points) one point at a time
 * ({@link Geodesics#exp}) and as one batch ({@link BatchExp}), in thread CPU time, which a loaded
 * machine disturbs far less than wall-clock time: nanoseconds per exp, the minimum of 7 rounds of
 * 3,000 batches (192,000 maps) after 3 warm-up rounds. Run with the vector module:
 * {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar geo.bench.ExpBatchProfile};
 * without it the batch falls back to the scalar loop of the same kernel (reported as such).
 */
public final class ExpBatchProfile {

    private static final int POINTS = 64;
    private static final int BATCHES = 3000;

    private ExpBatchProfile() {
    }

    public static void main(String[] args) {
        SourceFile file = SourceFile.of("poincare.geo", SprayBenchmark.POINCARE);
        Model m = Compiler.compile(Frontend.check(file).program(), file).load().only();
        Geodesics single = new Geodesics(m.acceleration(), GeodesicMethod.rk4(100));
        BatchExp batch = new BatchExp(m.acceleration(), GeodesicMethod.rk4(100));
        double[] theta = m.defaultParameters();
        SplittableRandom random = new SplittableRandom(7);
        double[][] xs = new double[POINTS][];
        double[][] vs = new double[POINTS][];
        double[] x = new double[2 * POINTS];
        double[] v = new double[2 * POINTS];
        for (int i = 0; i < POINTS; i++) {
            xs[i] = new double[] {0.6 * random.nextDouble() - 0.3, 0.6 * random.nextDouble() - 0.3};
            vs[i] = new double[] {0.6 * random.nextDouble() - 0.3, 0.6 * random.nextDouble() - 0.3};
            for (int k = 0; k < 2; k++) {
                x[k * POINTS + i] = xs[i][k];
                v[k * POINTS + i] = vs[i][k];
            }
        }
        double[] xEnd = new double[2];
        double[] xSoa = new double[2 * POINTS];
        double[] vSoa = new double[2 * POINTS];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double bestSingle = Double.MAX_VALUE;
        double bestBatch = Double.MAX_VALUE;
        double bestKernel = Double.MAX_VALUE;
        BatchStepKernels kernels = (BatchStepKernels) m.acceleration();
        double[] xb = new double[2 * POINTS];
        double[] vb = new double[2 * POINTS];
        double sink = 0;
        for (int round = 0; round < 10; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < BATCHES; k++) {
                for (int i = 0; i < POINTS; i++) {
                    single.exp(xs[i], vs[i], theta, xEnd, null);
                    sink += xEnd[0];
                }
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < BATCHES; k++) {
                batch.exp(POINTS, x, v, theta, xSoa, vSoa);
                sink += xSoa[0];
            }
            long t2 = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < BATCHES; k++) {
                System.arraycopy(x, 0, xSoa, 0, 2 * POINTS);
                System.arraycopy(v, 0, vSoa, 0, 2 * POINTS);
                for (int s = 0; s < 100; s += 2) {
                    kernels.rk4StepBatch(s * 0.01, 0.01, POINTS, xSoa, vSoa, theta, xb, vb);
                    kernels.rk4StepBatch((s + 1) * 0.01, 0.01, POINTS, xb, vb, theta, xSoa, vSoa);
                }
                sink += xSoa[0];
            }
            long t3 = mx.getCurrentThreadCpuTime();
            if (round >= 3) {
                bestSingle = Math.min(bestSingle, (t1 - t0) / (double) (BATCHES * POINTS));
                bestBatch = Math.min(bestBatch, (t2 - t1) / (double) (BATCHES * POINTS));
                bestKernel = Math.min(bestKernel, (t3 - t2) / (double) (BATCHES * POINTS));
            }
        }
        System.out.printf("exp one point at a time: %.1f ns/exp CPU%n", bestSingle);
        System.out.printf("exp batch of %d (%s): %.1f ns/exp CPU, %.2fx%n", POINTS,
                LaneSupport.available() ? "vector loop" : "no vector module: scalar loop", bestBatch,
                bestSingle / bestBatch);
        System.out.printf("of which the kernel (100 rk4StepBatch calls, no checks): %.1f ns/exp CPU%n", bestKernel);
        System.out.println("(sink " + sink + ")");
    }
}
