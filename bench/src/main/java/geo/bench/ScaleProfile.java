package geo.bench;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The cost of one certified distance ({@code geo dist}'s solver: DOPRI5 at 1e-12, the default
 * Newton options, the accuracy check and the conjugate-point certificate) as the dimension grows
 * (issue 23): the Poincaré ball and two learned network metrics in d = 2, 5, 10, 20, 50, generated
 * here ({@link #poincare}, {@link #network}, {@link #deep}). CPU ms per distance of one thread after a warm-up,
 * shots and exact Jacobians per distance, and the growth against d = 2: a profile, not a JMH
 * benchmark (each point is a whole solve of about a millisecond or more). A pair whose warm-up
 * solve ends without a certified distance is reported with its status and left out of the timing.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar geo.bench.ScaleProfile [poincare|network|deep|both] [d ...]}.
 */
public final class ScaleProfile {

    /** Pairs per model; {@code -Dpairs=n} for fewer where one distance takes seconds. */
    private static final int PAIRS = Integer.getInteger("pairs", 8);

    /**
     * RK4 steps of Newton's matrix for implicit accelerations ({@link Shooting.Options#jacobianSteps()});
     * {@code -DjacobianSteps=0} for exact Jacobians, as before issue 23's coarse matrices.
     */
    private static final int JACOBIAN_STEPS = Integer.getInteger("jacobianSteps",
            Shooting.Options.DEFAULT.jacobianSteps());

    /** {@code -Dtrace=true}: each warm-up solve's result, wall time and counts, for diagnosing slow pairs. */
    private static final boolean TRACE = Boolean.getBoolean("trace");

    private ScaleProfile() {
    }

    public static void main(String[] args) {
        String family = args.length > 0 ? args[0] : "both";
        int[] dims = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {2, 5, 10, 20, 50};
        System.out.printf("%-10s %4s %10s %10s %8s %8s %8s %10s%n", "model", "d", "compile s", "ms/dist", "shots",
                "exactJ", "coarseJ", "vs d = 2");
        for (String f : family.equals("both") ? new String[] {"poincare", "network", "deep"} : new String[] {family}) {
            double base = Double.NaN;
            for (int d : dims) {
                double ms = profile(f, d);
                if (d == 2) {
                    base = ms;
                }
                System.out.printf("%10s%n", Double.isNaN(base) ? "" : String.format("%.1f×", ms / base));
            }
        }
    }

    /** The Poincaré ball in d dimensions, as {@code examples/poincare5.geo}. */
    public static String poincare(int d) {
        return "manifold Poincare" + d + " {\n  coords x[" + d + "] in ball(1);\n"
                + "  let lambda = 2 / (1 - dot(x, x));\n  metric g = lambda^2 * eye(" + d + ");\n}\n";
    }

    /**
     * A learned metric in d dimensions, dense: g(x) = exp(s(x)) I + u(x) u(x)ᵀ with s and u the
     * outputs of one tanh layer of 16 units (a conformal scale plus a rank-one stretch along a
     * learned direction; positive definite for every θ).
     */
    public static String network(int d) {
        return "manifold Network" + d + " {\n  coords x[" + d + "];\n"
                + "  param W1[16, " + d + "] ~ normal(0, 0.5);\n  param b1[16] ~ uniform(-0.1, 0.1);\n"
                + "  param w[16] ~ normal(0, 0.3);\n  param W2[" + d + ", 16] ~ normal(0, 0.3);\n"
                + "  let h = tanh(W1 * x + b1);\n  let u = W2 * h;\n"
                + "  metric g = exp(dot(w, h)) * eye(" + d + ") + u * u';\n}\n";
    }

    /**
     * The learned metric of {@code examples/graph-embedding/deepN.geo} in d dimensions (Lou, Nickel
     * &amp; Amos 2020): g = L Lᵀ + 10⁻³ I with L lower triangular, its d(d + 1)/2 entries the outputs
     * of a 16-unit tanh layer (exp on the diagonal). θ at its seeded defaults but with output weights
     * N(0, 0.3²) instead of deepN's N(0, 0.01²), so that the metric is far from Euclidean.
     */
    public static String deep(int d) {
        int n = d * (d + 1) / 2;
        StringBuilder l = new StringBuilder("[");
        int k = 0;
        for (int i = 0; i < d; i++) {
            l.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < d; j++) {
                l.append(j == 0 ? "" : ", ").append(j < i ? "l[" + k++ + "]" : j == i ? "exp(l[" + k++ + "])" : "0");
            }
            l.append(']');
        }
        l.append(']');
        return "manifold Deep" + d + " {\n  coords x[" + d + "];\n"
                + "  param W1[16, " + d + "] ~ normal(0, 0.5);\n  param b1[16] ~ uniform(-0.1, 0.1);\n"
                + "  param W2[" + n + ", 16] ~ normal(0, 0.3);\n  param b2[" + n + "] = zeros;\n"
                + "  let l = W2 * tanh(W1 * x + b1) + b2;\n  let L = " + l + ";\n"
                + "  metric g = L * L' + 1e-3 * eye(" + d + ");\n}\n";
    }

    private static double profile(String family, int d) {
        String text = switch (family) {
            case "poincare" -> poincare(d);
            case "network" -> network(d);
            case "deep" -> deep(d);
            default -> throw new IllegalArgumentException("unknown model family " + family);
        };
        long c0 = System.nanoTime();
        SourceFile source = SourceFile.of(family + d + ".geo", text);
        Model model = Compiler.compile(Frontend.check(source), source).load().only();
        double compile = (System.nanoTime() - c0) / 1e9;
        double[] theta = model.defaultParameters();
        SplittableRandom random = new SplittableRandom(7);
        double[][] xs = new double[PAIRS][];
        double[][] ys = new double[PAIRS][];
        for (int i = 0; i < PAIRS; i++) {
            // Poincaré: points at radius 0.4 in random directions; the network: N(0, 0.3²) coordinates.
            xs[i] = point(family, d, random);
            ys[i] = point(family, d, random);
        }
        Distances distances = new Distances(model, GeodesicMethod.dopri5(1e-12, 1e-12),
                Shooting.Options.DEFAULT.withJacobianSteps(JACOBIAN_STEPS));
        boolean[] certified = new boolean[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            long s0 = distances.shooting().shots();
            long e0 = distances.shooting().exactJacobians();
            long k0 = distances.shooting().coarseJacobians();
            long c0s = distances.shooting().coarseShots();
            long w0 = System.nanoTime();
            LogResult r = distances.distance(xs[i], ys[i], theta).log();
            if (TRACE) {
                System.out.printf("  pair %d: %s, %.3f s wall, %d shots, %d exact J, %d coarse J, %d coarse shots%n",
                        i, r, (System.nanoTime() - w0) / 1e9, distances.shooting().shots() - s0,
                        distances.shooting().exactJacobians() - e0, distances.shooting().coarseJacobians() - k0,
                        distances.shooting().coarseShots() - c0s);
            }
            certified[i] = r.converged();
            if (!r.converged()) {
                // A solve that ends with an honest failure status (e.g. INACCURATE: the error
                // estimate of DOPRI5 at 1e-12 above the check's bound) is reported and not timed.
                System.out.printf("  (pair %d not certified: %s)%n", i, r);
            }
        }
        int timed = 0;
        for (boolean c : certified) {
            timed += c ? 1 : 0;
        }
        if (timed == 0) {
            throw new IllegalStateException(family + d + ": no pair certified");
        }
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        int calls = 0;
        long shots0 = distances.shooting().shots();
        long jac0 = distances.shooting().exactJacobians();
        long coarse0 = distances.shooting().coarseJacobians();
        long t0 = bean.getCurrentThreadCpuTime();
        long elapsed;
        do {
            for (int i = 0; i < PAIRS; i++) {
                if (certified[i]) {
                    distances.distance(xs[i], ys[i], theta);
                    calls++;
                }
            }
            elapsed = bean.getCurrentThreadCpuTime() - t0;
        } while (elapsed < 2_000_000_000L);
        double ms = elapsed / 1e6 / calls;
        if (timed < PAIRS) {
            System.out.printf("  (%d of %d pairs certified and timed)%n", timed, PAIRS);
        }
        System.out.printf("%-10s %4d %10.2f %10.3f %8.1f %8.2f %8.2f ", family, d, compile, ms,
                (distances.shooting().shots() - shots0) / (double) calls,
                (distances.shooting().exactJacobians() - jac0) / (double) calls,
                (distances.shooting().coarseJacobians() - coarse0) / (double) calls);
        return ms;
    }

    private static double[] point(String family, int d, SplittableRandom random) {
        double[] p = new double[d];
        double n = 0;
        for (int j = 0; j < d; j++) {
            p[j] = random.nextGaussian();
            n += p[j] * p[j];
        }
        for (int j = 0; j < d; j++) {
            p[j] = family.equals("poincare") ? 0.4 * p[j] / Math.sqrt(n) : 0.3 * p[j];
        }
        return p;
    }
}
