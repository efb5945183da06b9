package geo.runtime.learn.motion;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.api.MetricKernels;
import geo.runtime.optim.Lbfgs;
import geo.runtime.spline.LagrangianCost;
import geo.runtime.spline.SplineBasis;
import geo.runtime.spline.SplinePath;
import java.util.List;

/**
 * A motion between two latent points as a geodesic of a latent metric g(z; θ): an initial path
 * (the {@link LatentGrid} shortest path, or the straight line), fitted by a cubic spline, then the
 * spline's energy ∫₀¹ ½ γ'ᵀ g(γ) γ' dt minimised by L-BFGS ({@link LagrangianCost}; Beik-Mohammadi
 * et al., RSS 2021, §IV; the spec's "60×60 graph + Dijkstra, then spline-energy minimisation").
 * A minimiser of the energy has constant speed, and its length √(2E) is the geodesic distance.
 */
public final class MotionPlanner {

    /** How the path starts. */
    public enum Init { GRID, STRAIGHT }

    /** Whether the energy minimisation converged. */
    public enum Status { CONVERGED, NOT_CONVERGED }

    /**
     * @param gridSize nodes per side of the latent grid
     * @param lo       the grid box's lower corner
     * @param hi       the grid box's upper corner
     * @param spline   the spline and L-BFGS settings of the energy minimisation
     */
    public record Options(int gridSize, double[] lo, double[] hi, LagrangianCost.Options spline) {

        /** Nodes per side of the latent grid (the spec's 60×60). */
        public static final int GRID_SIZE = 60;
        /** Spline segments. */
        public static final int SEGMENTS = 16;
        /** L-BFGS iterations at most. */
        public static final int MAX_ITERATIONS = 400;

        /**
         * A 60×60 grid over [lo, hi], 16 segments, 4 Gauss nodes each, and L-BFGS converged when
         * ‖∂E/∂w‖∞ ≤ 1e-7 or a step decreases E by at most 1e-10·|E| (energies reach 10⁵ near an
         * obstacle of α = 10⁵, where an absolute gradient test alone is out of reach), at most 400
         * iterations.
         */
        public static Options over(double[] lo, double[] hi) {
            return new Options(GRID_SIZE, lo, hi, LagrangianCost.Options.defaults().withSegments(SEGMENTS))
                    .withIterations(MAX_ITERATIONS);
        }

        /** These options with at most {@code n} L-BFGS iterations (and 4n evaluations). */
        public Options withIterations(int n) {
            return new Options(gridSize, lo, hi, spline.withOptimizer(Lbfgs.Settings.defaults().withMaxIterations(n)
                    .withMaxEvaluations(4 * n).withGradientTolerance(1e-7).withRelativeTolerance(1e-10)));
        }
    }

    /**
     * A planned motion.
     *
     * @param initial the initial polyline (grid path, or the two ends)
     * @param path    the minimising spline
     * @param length  the Riemannian length √(2E) of the spline
     * @param message the optimiser's one-line account
     */
    public record Motion(Status status, List<double[]> initial, SplinePath path, double length, int iterations,
                         String message) {
    }

    private final MetricKernels metric;
    private final LagrangianCost cost;
    private final Options options;

    /**
     * @param metric     the metric's kernels (for the grid)
     * @param lagrangian the same model's kinetic energy ½ vᵀ g v (for the spline)
     */
    public MotionPlanner(MetricKernels metric, LagrangianKernels lagrangian, Options options) {
        this.metric = metric;
        this.cost = new LagrangianCost(lagrangian, options.spline());
        this.options = options;
    }

    /** The geodesic from {@code from} to {@code to} under θ. */
    public Motion plan(double[] from, double[] to, double[] theta, Init init) {
        List<double[]> polyline = init == Init.GRID
                ? new LatentGrid(metric, theta, options.lo(), options.hi(), options.gridSize()).shortestPath(from, to)
                : List.of(from.clone(), to.clone());
        SplinePath start = fit(polyline, options.spline().segments());
        LagrangianCost.Result r = cost.solve(from, to, theta, start);
        Status status = r.converged() ? Status.CONVERGED : Status.NOT_CONVERGED;
        return new Motion(status, polyline, r.path(), r.metricDistance(), r.optimisation().iterations(),
                r.optimisation().message());
    }

    /**
     * The spline with E segments through the polyline at its arc-length parameters: knot k at the
     * point of fraction k/E of the polyline's Euclidean length, the end velocities the polyline's
     * end directions scaled to the total length (the speed of a constant-speed path).
     */
    static SplinePath fit(List<double[]> polyline, int segments) {
        int m = polyline.size();
        double[] cumulative = new double[m];
        for (int k = 1; k < m; k++) {
            cumulative[k] = cumulative[k - 1] + Math.sqrt(KMeans.squared(polyline.get(k), polyline.get(k - 1)));
        }
        double total = cumulative[m - 1];
        double[] x = polyline.get(0);
        double[] y = polyline.get(m - 1);
        if (total == 0) {
            return SplinePath.straight(x, y, segments);
        }
        int d = x.length;
        double[] z = new double[(segments + 1) * d];
        int seg = 0;
        for (int k = 1; k < segments; k++) {
            double s = total * k / segments;
            while (seg < m - 2 && cumulative[seg + 1] < s) {
                seg++;
            }
            double span = cumulative[seg + 1] - cumulative[seg];
            double f = span == 0 ? 0 : (s - cumulative[seg]) / span;
            for (int i = 0; i < d; i++) {
                z[(k - 1) * d + i] = polyline.get(seg)[i] + f * (polyline.get(seg + 1)[i] - polyline.get(seg)[i]);
            }
        }
        direction(polyline.get(0), polyline.get(1), total, z, (segments - 1) * d);
        direction(polyline.get(m - 2), polyline.get(m - 1), total, z, segments * d);
        return new SplinePath(new SplineBasis(segments), z, x, y);
    }

    private static void direction(double[] a, double[] b, double total, double[] z, int at) {
        double len = Math.sqrt(KMeans.squared(a, b));
        for (int i = 0; i < a.length; i++) {
            z[at + i] = len == 0 ? 0 : (b[i] - a[i]) / len * total;
        }
    }
}
