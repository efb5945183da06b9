package geo.bench;

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
 * warm-up, split into the front end (parse, check, lower, sanity checks), the derivations (the
 * kernels' IR: {@link ModelEmitter#manifold}) and the emission of the class ({@link
 * ModelEmitter#emit}); the front end in wall time (it runs on a thread of its own, {@code
 * DeepStack}), the derivations and the emission in CPU time of this thread. Not JMH: each point is a whole compilation of
 * 10 ms to seconds.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar geo.bench.CompileProfile [width ...]}
 * (default 4 8 16 32 64 128 256).
 */
public final class CompileProfile {

    /** Repeat each width for at least this much CPU time after the warm-up. */
    private static final double MIN_SECONDS = 2.0;
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

    static Sample compileOnce(String text) {
        long t0 = System.nanoTime();
        SourceFile source = SourceFile.of("deep.geo", text);
        Frontend.Result r = Frontend.check(source);
        if (!r.ok()) {
            throw new IllegalStateException(r.diagnostics().sorted().toString());
        }
        CheckedProgram program = r.program();
        CheckedProgram.Model model = program.manifolds().get(0);
        LoweredModels.Lowered lowered = r.lowered().lower(program, model);
        long front = System.nanoTime() - t0;
        long t1 = CPU.getCurrentThreadCpuTime();
        ModelEmitter.Plan plan = ModelEmitter.manifold(model, lowered.model(), lowered.factory(), "0", "bench");
        long t2 = CPU.getCurrentThreadCpuTime();
        GeneratedClass c = ModelEmitter.emit(plan, "deep.geo");
        long t3 = CPU.getCurrentThreadCpuTime();
        return new Sample(front * 1e-9, (t2 - t1) * 1e-9, (t3 - t2) * 1e-9, c.bytes().length,
                c.methods().size());
    }

    public static void main(String[] args) {
        int[] widths = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {4, 8, 16, 32, 64, 128, 256};
        System.out.printf("%6s %9s %9s %9s %9s %9s %6s %10s %8s%n", "width", "first s", "warm s", "front",
                "derive", "emit", "reps", "class KB", "methods");
        for (int w : widths) {
            String text = network(w);
            Sample first = compileOnce(text);
            compileOnce(text);
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
        }
    }
}
