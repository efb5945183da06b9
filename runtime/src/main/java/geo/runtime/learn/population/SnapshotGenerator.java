package geo.runtime.learn.population;

import geo.runtime.learn.Seeds;
import geo.runtime.load.Model;
import geo.runtime.optim.Lbfgs;
import geo.runtime.parallel.WorkerPool;
import geo.runtime.spline.LagrangianCost;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import geo.runtime.optim.Status;

/**
 * The snapshot sets of Scarvelis &amp; Solomon 2023, §5.1, regenerated with Geo's own solvers
 * ({@code metric-from-snapshots.md} §1a): samples are drawn around the same anchors with the same
 * spreads and counts, paired as in the original, and each pair (x₀, x₁) is joined by a trajectory
 * of the true metric G = I − (1 − ε)vvᵀ, ε = 10⁻³ (the model given, e.g. {@code circle.geo}), sampled
 * on the original time grid. Two ways to make the trajectory ({@link Paths}):
 * <ul>
 *   <li>{@link Paths#GEODESIC}: the minimiser of the energy ∫₀¹ ½γ'ᵀGγ' dt over C² cubic splines with
 *       fixed ends ({@link LagrangianCost}; constant speed, so the samples at equal times are equally
 *       spaced in length);</li>
 *   <li>{@link Paths#NETWORK}: the original code's procedure ({@link VelocityPaths}): a velocity network
 *       fitted for 100 AdamW iterations to the energy of the code's A = I − vvᵀ plus λ‖x(1) − x₁‖, its
 *       flow sampled at the grid (a penalised, early-stopped, not exact geodesic). λ = 1 on Circle and
 *       Mass Splitting, as the code; λ = 10 on both X Paths families (the code: 10 for TL → BR, 1 for
 *       BL → TR, with which the BL → TR paths stop half-way, at a mean of (−0.48, −0.46) against the
 *       published (0.99, 0.99): the published file was not made with λ = 1 there). The last point is
 *       set to x₁ where the code sets it (Mass Splitting, X Paths TL → BR).</li>
 * </ul>
 * Each set's default ({@link Field#defaultPaths()}) is the one whose data match the statistics the
 * spec lists (README of {@code examples/snapshots}).
 *
 * <ul>
 *   <li>Circle: 4 anchors at angles 0, π/2, π, 3π/2 on the unit circle, 100 samples each with std 0.1;
 *       arc i joins sample j of anchor i to sample j of anchor i + 1 (mod 4) on 7 times
 *       linspace(0, 1, 7), dropping the last (the next arc's first); snapshot 0 appended at the end: 25
 *       snapshots.</li>
 *   <li>Mass Splitting: 100 starts from N(0, 0.1²I); ends 50 from N((1, 1), 0.1²I) and 50 from
 *       N((1, −1), 0.1²I), shuffled before pairing; 10 times; everything ×10.</li>
 *   <li>X Paths: two families, (−1, −1) → (1, 1) and (−1, 1) → (1, −1), 100 samples with std 0.1 at
 *       each end, 10 times.</li>
 * </ul>
 */
public final class SnapshotGenerator {

    /** ε of the true metric (recorded here for the documentation; the models carry it). */
    public static final double EPSILON = 1e-3;
    /** Samples per anchor or snapshot. */
    public static final int SAMPLES = 100;
    /** Spline segments of a geodesic. */
    public static final int SEGMENTS = 16;

    private SnapshotGenerator() {
    }

    /** How a pair's trajectory is made. */
    public enum Paths {
        /** The energy-minimising spline geodesic of G. */
        GEODESIC("geodesic"),
        /** The original code's fitted velocity network ({@link VelocityPaths}). */
        NETWORK("network");

        private final String label;

        Paths(String label) {
            this.label = label;
        }

        /** The command-line name. */
        public String label() {
            return label;
        }

        /** The kind of a label, or null. */
        public static Paths of(String label) {
            for (Paths p : values()) {
                if (p.label.equals(label)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** λ of the network paths' end penalty on Circle and Mass Splitting (the code's default). */
    public static final double LAMBDA = 1;
    /** λ of the network paths' end penalty on both X Paths families (see the class comment). */
    public static final double X_PATHS_LAMBDA = 10;

    /** Why generation failed: a trajectory that did not converge. */
    public static final class GenerationException extends Exception {
        public GenerationException(String message) {
            super(message);
        }
    }

    /**
     * The snapshots of a field, from the true metric {@code truth} (its default θ), with the given
     * seed, geodesics solved on {@code threads} threads (the result does not depend on the count).
     */
    public static Generated generate(Field field, Model truth, long seed, int threads) throws GenerationException {
        return generate(field, truth, seed, threads, field.defaultPaths());
    }

    /** As {@link #generate(Field, Model, long, int)}, with the trajectories made as {@code paths} says. */
    public static Generated generate(Field field, Model truth, long seed, int threads, Paths paths)
            throws GenerationException {
        SplittableRandom random = new SplittableRandom(seed);
        AtomicInteger stalled = new AtomicInteger();
        Joiner join = paths == Paths.GEODESIC
                ? (starts, ends, times, lambda) -> geodesics(truth, starts, ends, times, threads, stalled)
                : (starts, ends, times, lambda) -> network(truth, field, starts, ends, times, lambda, random, threads);
        Snapshots s = switch (field) {
            case CIRCLE -> circle(join, random);
            case MASS_SPLITTING -> massSplitting(join, random);
            case X_PATHS -> xPaths(join, random);
        };
        return new Generated(s, stalled.get());
    }

    /** Joins starts[j] to ends[j], sampled at linspace(0, 1, times). */
    private interface Joiner {
        double[][][] join(double[][] starts, double[][] ends, int times, double lambda) throws GenerationException;
    }

    /**
     * Generated snapshots.
     *
     * @param snapshots the data
     * @param stalled   geodesics whose line search stalled where the metric jumps (kept; Mass Splitting only)
     */
    public record Generated(Snapshots snapshots, int stalled) {
    }

    private static double[][] gaussian(SplittableRandom random, int n, double cx, double cy, double std) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = new double[] {cx + std * random.nextGaussian(), cy + std * random.nextGaussian()};
        }
        return p;
    }

    private static Snapshots circle(Joiner join, SplittableRandom random) throws GenerationException {
        double[][][] anchors = new double[4][][];
        for (int i = 0; i < 4; i++) {
            double a = i * Math.PI / 2;
            anchors[i] = gaussian(random, SAMPLES, Math.cos(a), Math.sin(a), 0.1);
        }
        List<double[][]> snapshots = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double[][][] paths = join.join(anchors[i], anchors[(i + 1) % 4], 7, LAMBDA);
            for (int k = 0; k < 6; k++) {
                snapshots.add(column(paths, k));
            }
        }
        snapshots.add(snapshots.get(0));
        return new Snapshots(2, List.of(snapshots));
    }

    private static Snapshots massSplitting(Joiner join, SplittableRandom random) throws GenerationException {
        double[][] starts = gaussian(random, SAMPLES, 0, 0, 0.1);
        double[][] up = gaussian(random, SAMPLES / 2, 1, 1, 0.1);
        double[][] down = gaussian(random, SAMPLES / 2, 1, -1, 0.1);
        double[][] ends = new double[SAMPLES][];
        int[] order = Seeds.identity(SAMPLES);
        Seeds.shuffle(order, random);
        for (int j = 0; j < SAMPLES; j++) {
            int k = order[j];
            ends[j] = k < SAMPLES / 2 ? up[k] : down[k - SAMPLES / 2];
        }
        double[][][] paths = join.join(starts, ends, 10, LAMBDA);
        List<double[][]> snapshots = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            double[][] s = k == 9 ? ends.clone() : column(paths, k); // the code sets the last point to x1
            if (k == 9) {
                for (int j = 0; j < s.length; j++) {
                    s[j] = s[j].clone();
                }
            }
            for (double[] p : s) {
                p[0] *= 10;
                p[1] *= 10;
            }
            snapshots.add(s);
        }
        return new Snapshots(2, List.of(snapshots));
    }

    private static Snapshots xPaths(Joiner join, SplittableRandom random) throws GenerationException {
        List<List<double[][]>> families = new ArrayList<>();
        // BL -> TR, then TL -> BR; only the latter's last point is set to x1 (as the code)
        double[][] corners = {{-1, -1, 1, 1, 0}, {-1, 1, 1, -1, 1}};
        for (double[] c : corners) {
            double[][] starts = gaussian(random, SAMPLES, c[0], c[1], 0.1);
            double[][] ends = gaussian(random, SAMPLES, c[2], c[3], 0.1);
            double[][][] paths = join.join(starts, ends, 10, X_PATHS_LAMBDA);
            List<double[][]> snapshots = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                double[][] s = column(paths, k);
                if (k == 9 && c[4] == 1) {
                    for (int j = 0; j < s.length; j++) {
                        s[j] = ends[j].clone();
                    }
                }
                snapshots.add(s);
            }
            families.add(snapshots);
        }
        return new Snapshots(2, families);
    }

    /** The k-th point of every path: one snapshot. */
    private static double[][] column(double[][][] paths, int k) {
        double[][] s = new double[paths.length][];
        for (int j = 0; j < paths.length; j++) {
            s[j] = paths[j][k].clone();
        }
        return s;
    }

    /**
     * The original code's trajectories ({@link VelocityPaths}), one fitted network per pair; the
     * networks' initial values are drawn from {@code random} in pair order before the fits run, so the
     * result does not depend on the thread count.
     */
    private static double[][][] network(Model truth, Field field, double[][] starts, double[][] ends, int times,
                                        double lambda, SplittableRandom random, int threads)
            throws GenerationException {
        SplittableRandom[] nets = new SplittableRandom[starts.length];
        for (int j = 0; j < starts.length; j++) {
            nets[j] = random.split();
        }
        double[] theta = truth.defaultParameters();
        double[][][] out = new double[starts.length][][];
        String[] failures = new String[starts.length];
        try (WorkerPool<VelocityPaths> pool = new WorkerPool<>(threads,
                w -> new VelocityPaths(truth.lagrangian(), theta, field.codeFieldScale(), VelocityPaths.Options.DEFAULTS),
                "snapshot velocity networks")) {
            pool.run(starts.length, (fitter, j) -> {
                try {
                    out[j] = fitter.fit(starts[j], ends[j], times, lambda, nets[j]).path();
                } catch (ArithmeticException | geo.runtime.ode.IntegrationException e) {
                    failures[j] = "the velocity network from " + java.util.Arrays.toString(starts[j]) + " to "
                            + java.util.Arrays.toString(ends[j]) + " failed: " + e.getMessage();
                }
            });
        }
        for (String f : failures) {
            if (f != null) {
                throw new GenerationException(f);
            }
        }
        return out;
    }

    /** The minimal-energy spline path from starts[j] to ends[j], sampled at linspace(0, 1, times), exact ends. */
    static double[][][] geodesics(Model truth, double[][] starts, double[][] ends, int times, int threads,
                                  AtomicInteger stalled)
            throws GenerationException {
        LagrangianCost.Options options = LagrangianCost.Options.defaults().withSegments(SEGMENTS)
                .withOptimizer(Lbfgs.Settings.defaults().withGradientTolerance(1e-9).withRelativeTolerance(0)
                        .withMaxIterations(5000).withMaxEvaluations(50000));
        double[] theta = truth.defaultParameters();
        double[][][] out = new double[starts.length][][];
        String[] failures = new String[starts.length];
        int[] stalls = new int[starts.length];
        try (WorkerPool<LagrangianCost> pool = new WorkerPool<>(threads,
                w -> new LagrangianCost(truth.lagrangian(), options), "snapshot geodesics")) {
            pool.run(starts.length, (solver, j) -> {
                LagrangianCost.Result r = solver.solve(starts[j], ends[j], theta);
                // Where the metric jumps (Mass Splitting's sign(x1)), the energy is not differentiable
                // at a path crossing the jump, and the line search stalls there at a path that is as
                // good as the smooth parts allow; such a path is kept and counted, any other failure is not.
                boolean stall = r.optimisation().status() == Status.LINE_SEARCH_FAILED && Double.isFinite(r.cost());
                if (stall) {
                    stalls[j] = 1;
                }
                if (!r.converged() && !stall) {
                    failures[j] = "the geodesic from " + java.util.Arrays.toString(starts[j]) + " to "
                            + java.util.Arrays.toString(ends[j]) + " did not converge: " + r.optimisation().status();
                    return;
                }
                double[][] path = r.path().sample(times);
                path[0] = starts[j].clone();
                path[times - 1] = ends[j].clone();
                out[j] = path;
            });
        }
        for (String f : failures) {
            if (f != null) {
                throw new GenerationException(f);
            }
        }
        stalled.addAndGet(java.util.Arrays.stream(stalls).sum());
        return out;
    }
}
