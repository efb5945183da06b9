package geo.bench;

import geo.compiler.ast.DeepStack;
import geo.compiler.check.CheckedProgram;
import geo.compiler.driver.Frontend;
import geo.compiler.emit.GeneratedClass;
import geo.compiler.emit.ModelEmitter;
import geo.compiler.lower.LoweredModels;
import geo.compiler.source.SourceFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Compile time and class size of the network metric of {@code examples/deep.geo} as its width
 * grows (issue 23: the 128-unit network in under 0.7 s warm and 1 s cold, to a class under
 * 500 KB, and a cost linear in the width). For each width, in one JVM: the first compilation
 * (the widths run in the order given, so only the first width is truly cold; a cold figure comes
 * from {@code geo compile}, see bench/RESULTS.md) and the mean of repeated compilations after a
 * common warm-up of all widths, split into the front end (parse, check, lower, sanity checks), the derivations (the
 * kernels' IR: {@link ModelEmitter#manifold}) and the emission of the class ({@link
 * ModelEmitter#emit}), all three in CPU time of the compiling thread. Then a least-squares line
 * through the warm times against the width, on each side of the fused-step limit (widths up to 32
 * get fused RK4 step kernels, wider ones share the network, see bench/RESULTS.md), with its
 * slope, intercept and the largest relative deviation of a point from it. Not JMH: each point is
 * a whole compilation of 10 ms to seconds.
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp bench/target/benchmarks.jar geo.bench.CompileProfile
 * [width ...]} (a fixed, pre-touched heap: a growing heap adds page faults to the compiling
 * thread's CPU time, more for the wider networks, which bends the line)
 * (default 4 8 16 24 32 64 96 128 192 256).
 */
public final class CompileProfile {

    /** Repeat each width for at least this much CPU time after the warm-up. */
    private static final double MIN_SECONDS = 2.0;
    /** CPU seconds of compilations of all widths before any is measured. */
    private static final double WARMUP_SECONDS = 4.0;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private CompileProfile() {
    }

    /** {@code examples/deep.geo} with {@code width} hidden units. */
    public static String network(int width) {
        return "manifold DeepMetric {\n  coords x[2];\n"
                + "  param W1[" + width + ", 2] ~ normal(0, 0.3);\n  param b1[" + width + "] = 0;\n"
                + "  param W2[3, " + width + "] ~ normal(0, 0.3);\n  param b2[3] = zeros;\n"
                + "  let h = tanh(W1 * x + b1);\n  let l = W2 * h + b2;\n"
                + "  let L = [[exp(l[0]), 0],\n           [l[1],      exp(l[2])]];\n"
                + "  metric g = L * L' + 1e-3 * eye(2);\n}\n";
    }

    /** The CPU seconds of the three stages of one compilation, and what it made. */
    record Sample(double front, double derive, double emit, int bytes, int methods) {
        double total() {
            return front + derive + emit;
        }
    }

    /**
     * One compilation, on a deep-stack thread of its own so that the front end (which would
     * otherwise start such a thread) runs on the same thread as the rest, and all three stages are
     * measured in CPU time of that thread: on a shared machine wall time includes waiting for a core.
     */
    static Sample compileOnce(String text) {
        return DeepStack.run(new java.util.function.Supplier<Sample>() {
            @Override
            public Sample get() {
                return compileHere(text);
            }
        });
    }

    private static Sample compileHere(String text) {
        long t0 = CPU.getCurrentThreadCpuTime();
        SourceFile source = SourceFile.of("deep.geo", text);
        Frontend.Result r = Frontend.check(source);
        if (!r.ok()) {
            throw new IllegalStateException(r.diagnostics().sorted().toString());
        }
        CheckedProgram program = r.program();
        CheckedProgram.Model model = program.manifolds().get(0);
        LoweredModels.Lowered lowered = r.lowered().lower(program, model);
        long t1 = CPU.getCurrentThreadCpuTime();
        long front = t1 - t0;
        ModelEmitter.Plan plan = ModelEmitter.manifold(model, lowered.model(), lowered.factory(), "0", "bench");
        long t2 = CPU.getCurrentThreadCpuTime();
        GeneratedClass c = ModelEmitter.emit(plan, "deep.geo");
        long t3 = CPU.getCurrentThreadCpuTime();
        return new Sample(front * 1e-9, (t2 - t1) * 1e-9, (t3 - t2) * 1e-9, c.bytes().length,
                c.methods().size());
    }

    public static void main(String[] args) {
        int[] widths = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {4, 8, 16, 24, 32, 64, 96, 128, 192, 256};
        System.out.printf("%6s %9s %9s %9s %9s %9s %6s %10s %8s%n", "width", "first s", "warm s", "front",
                "derive", "emit", "reps", "class KB", "methods");
        double[] warm = new double[widths.length];
        double[] kb = new double[widths.length];
        // The first compilation of every width, in order (only the first is cold), then a common
        // warm-up of WARMUP_SECONDS over all widths, so that the first widths measured are not
        // also the ones during which the JIT compiler warms up.
        Sample[] firsts = new Sample[widths.length];
        for (int k = 0; k < widths.length; k++) {
            firsts[k] = compileOnce(network(widths[k]));
        }
        for (double spent = 0; spent < WARMUP_SECONDS; ) {
            for (int w : widths) {
                spent += compileOnce(network(w)).total();
            }
        }
        for (int k = 0; k < widths.length; k++) {
            int w = widths[k];
            String text = network(w);
            Sample first = firsts[k];
            int reps = 0;
            double front = 0;
            double derive = 0;
            double emit = 0;
            Sample s = first;
            while (reps < 3 || front + derive + emit < MIN_SECONDS) {
                s = compileOnce(text);
                front += s.front();
                derive += s.derive();
                emit += s.emit();
                reps++;
            }
            System.out.printf("%6d %9.3f %9.3f %9.3f %9.3f %9.3f %6d %10.1f %8d%n", w, first.total(),
                    (front + derive + emit) / reps, front / reps, derive / reps, emit / reps, reps,
                    s.bytes() / 1024.0, s.methods());
            warm[k] = (front + derive + emit) / reps;
            kb[k] = s.bytes() / 1024.0;
        }
        fit("fused (width <= 32)", widths, warm, kb, 1, 32);
        fit("shared (width > 32)", widths, warm, kb, 33, Integer.MAX_VALUE);
    }

    /**
     * The least-squares line y = a + b·width through the warm times (and the class sizes) of the
     * widths in [lo, hi], and the largest relative deviation |y − line| / y of a point from it:
     * a cost linear in the width has a small one.
     */
    static void fit(String label, int[] widths, double[] seconds, double[] kb, int lo, int hi) {
        int n = 0;
        for (int w : widths) {
            n += w >= lo && w <= hi ? 1 : 0;
        }
        if (n < 3) {
            return;
        }
        double[] x = new double[n];
        double[] t = new double[n];
        double[] c = new double[n];
        for (int k = 0, j = 0; k < widths.length; k++) {
            if (widths[k] >= lo && widths[k] <= hi) {
                x[j] = widths[k];
                t[j] = seconds[k];
                c[j++] = kb[k];
            }
        }
        double[] ft = line(x, t);
        double[] fc = line(x, c);
        System.out.printf("%s: warm s = %.4f + %.5f * width (largest deviation %.1f%%); class KB = %.1f + %.2f * width"
                + " (largest deviation %.1f%%)%n", label, ft[0], ft[1], 100 * ft[2], fc[0], fc[1], 100 * fc[2]);
    }

    /** {intercept, slope, largest relative deviation} of the least-squares line through (x, y). */
    static double[] line(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(y[i] - (a + b * x[i])) / y[i]);
        }
        return new double[] {a, b, worst};
    }
}
