package geo.bench;

import geo.runtime.api.Tanh;
import geo.runtime.lanes.LaneLoops;
/**
 * {@link TanhBenchmark}'s loops timed by the thread's CPU clock (for a loaded machine, where JMH's
 * wall-clock averages are not usable): ns per value of the scalar {@link Tanh#tanh(double)} and
 * {@link Math#tanh} summed over 4,096 values, the array loops of {@link Tanh} and a
 * {@link Math#tanh} loop, and {@code LaneLoops.tanh} over 64-lane rows; the minimum of 10 rounds of
 * 300 passes after 5. Run: {@code java [-XX:-UseSuperWord | --add-modules jdk.incubator.vector] -cp
 * bench/target/benchmarks.jar geo.bench.TanhProfile RANGE} (values uniform in (−RANGE, RANGE)).
 */
public final class TanhProfile {
    private TanhProfile() {
    }

    public static void main(String[] args) {
        double range = Double.parseDouble(args[0]);
        int n = 4096; double[] x = new double[n], y = new double[n], c1 = new double[n], c2 = new double[n];
        double[][] lanes = new double[2 * n / 64 + 1][64];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) { x[i] = rnd.nextDouble(-range, range); lanes[2 * (i / 64)][i % 64] = x[i]; }
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double sink = 0; int reps = 300;
        double[] best = new double[6]; java.util.Arrays.fill(best, 1e9);
        for (int round = 0; round < 15; round++) {
            long[] t = new long[7]; t[0] = mx.getCurrentThreadCpuTime();
            for (int r = 0; r < reps; r++) for (int i = 0; i < n; i++) sink += Tanh.tanh(x[i]);
            t[1] = mx.getCurrentThreadCpuTime();
            for (int r = 0; r < reps; r++) for (int i = 0; i < n; i++) sink += Math.tanh(x[i]);
            t[2] = mx.getCurrentThreadCpuTime();
            for (int r = 0; r < reps; r++) Tanh.tanh(x, y, c1, c2, 0, n);
            t[3] = mx.getCurrentThreadCpuTime();
            for (int r = 0; r < reps; r++) for (int i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
            t[4] = mx.getCurrentThreadCpuTime();
            for (int r = 0; r < reps; r++) for (int b = 0; b < n / 64; b++) LaneLoops.tanh(lanes, 64, 2 * b + 1, 2 * b);
            t[5] = mx.getCurrentThreadCpuTime();
            if (round >= 5) for (int k = 0; k < 5; k++) best[k] = Math.min(best[k], (t[k + 1] - t[k]) / (double) reps / n);
        }
        System.out.printf("range %s vector=%s: scalar Tanh %.2f, scalar Math.tanh %.2f, Tanh loops %.2f, Math.tanh loop %.2f, LaneLoops.tanh (64 lanes) %.2f ns/value (min of 10 rounds, thread CPU) %s%n",
            args[0], LaneLoops.vectorised(), best[0], best[1], best[2], best[3], best[4], sink > 0 ? "" : " ");
    }
}
