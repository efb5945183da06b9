package geo.runtime.transport.cost;

import geo.runtime.api.DomainException;
import geo.runtime.api.MetricCheck;
import geo.runtime.bvp.BatchShooting;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.LogStatus;
import geo.runtime.bvp.Minimality;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import java.util.Arrays;

/**
 * c(x, y; θ) = d(x, y)², the squared geodesic distance of a compiled metric g(x; θ), with
 * d = ‖log_x(y)‖_g(x) by Newton shooting ({@link Distances}: the shortest certified geodesic,
 * its error estimate held to the integrator's tolerance unless {@link Options#checkAccuracy()} is
 * off), and the gradients of {@link Distances#distanceGradient} times 2d:
 * <pre>
 *   ∂c/∂x = −2 g(x) v,   ∂c/∂y = 2 g(y) γ'(1),   ∂c/∂θ = 2 ∫₀¹ ∂_θ ½ γ'ᵀ g(γ; θ) γ' dt
 * </pre>
 * for v = log_x(y) and the geodesic γ from x to y (the last by the envelope theorem). Along a
 * row, each entry's Newton iteration starts from the previous entry's logarithm and exp
 * Jacobian (with Broyden updates), falling back to the straight line and continuation when that
 * fails ({@link Shooting#log(double[], double[], double[], double[], double[], boolean)}).
 *
 * <p>An entry whose solve is INACCURATE or does not converge is solved again with twice the RK4
 * steps, up to {@link Options#refinements()} times. A pair with a point outside the domain, an
 * indefinite metric or a solve that is still unconverged, inaccurate or uncertified is an entry
 * with that status, never a number.
 */
public final class SquaredGeodesicCost implements RowCost {

    /**
     * How the distances are computed.
     *
     * @param method           the geodesic integrator
     * @param newton           Newton's tolerance and limits, and how minimality is certified
     * @param quadraturePoints samples of the geodesic for ∂c/∂θ (odd ≥ 3), or {@link Distances#MESH}
     * @param warmStart        whether an entry starts from the previous entry of its row
     * @param checkAccuracy    whether a distance is held to its error estimate in the metric
     *                         ({@link Distances#checkAccuracy}); off, an entry is OK once the shot converges
     * @param refinements      with RK4: how many times an entry whose solve is INACCURATE or does not
     *                         converge is solved again with twice the steps (from the last iterate)
     * @param batchRows        whether {@link CostMatrices} rows have their logarithms shot in batches
     *                         ({@link BatchShooting}, with RK4 and a model with a batch step kernel,
     *                         not with {@link Minimality#TRUST_WARM_STARTS}), each entry then finished
     *                         from the batch's logarithm; else entry by entry with warm starts
     */
    public record Options(GeodesicMethod method, Shooting.Options newton, int quadraturePoints, boolean warmStart,
                          boolean checkAccuracy, int refinements, boolean batchRows) {

        /** RK4 steps of {@link #DEFAULTS}. */
        public static final int STEPS = 64;
        /** Newton's endpoint tolerance of {@link #DEFAULTS}. */
        public static final double TOLERANCE = 1e-10;
        /** Step doublings of {@link #DEFAULTS}: 64, then 128, then 256 steps. */
        public static final int REFINEMENTS = 2;
        /** Whether {@link #DEFAULTS} shoots the rows of cost matrices in batches. */
        public static final boolean BATCH_ROWS = false;

        /**
         * RK4 with {@value #STEPS} steps (step-doubling error at most 1e-6) and up to
         * {@value #REFINEMENTS} doublings for the entries that need them, Newton to 1e-10 with
         * Broyden updates, geodesics checked for conjugate points, ∂c/∂θ by Simpson on the RK4
         * mesh, warm starts along rows, accuracy checked.
         */
        public static final Options DEFAULTS = new Options(GeodesicMethod.rk4(STEPS),
                new Shooting.Options(TOLERANCE, 50, 30, true, Minimality.CONJUGATE_POINTS), Distances.MESH, true, true,
                REFINEMENTS, Options.BATCH_ROWS);

        public Options {
            if (refinements < 0 || (refinements > 0 && method.adaptive())) {
                throw new IllegalArgumentException("refinements must be ≥ 0, and 0 with an adaptive method; got "
                        + refinements + " with " + method);
            }
        }

        /** Without refinements; rows in batches as {@link #DEFAULTS}. */
        public Options(GeodesicMethod method, Shooting.Options newton, int quadraturePoints, boolean warmStart,
                       boolean checkAccuracy) {
            this(method, newton, quadraturePoints, warmStart, checkAccuracy, 0);
        }

        /** Rows in batches as {@link #DEFAULTS}. */
        public Options(GeodesicMethod method, Shooting.Options newton, int quadraturePoints, boolean warmStart,
                       boolean checkAccuracy, int refinements) {
            this(method, newton, quadraturePoints, warmStart, checkAccuracy, refinements, BATCH_ROWS);
        }

        /** Another integrator (refinements dropped for an adaptive one). */
        public Options withMethod(GeodesicMethod m) {
            int q = quadraturePoints == Distances.MESH && (m.adaptive() || m.steps() % 2 != 0)
                    ? Distances.QUADRATURE_POINTS : quadraturePoints;
            return new Options(m, newton, q, warmStart, checkAccuracy, m.adaptive() ? 0 : refinements, batchRows);
        }

        public Options withWarmStart(boolean on) {
            return new Options(method, newton, quadraturePoints, on, checkAccuracy, refinements, batchRows);
        }

        public Options withCheckAccuracy(boolean on) {
            return new Options(method, newton, quadraturePoints, warmStart, on, refinements, batchRows);
        }

        public Options withMinimality(Minimality m) {
            return new Options(method, newton.withMinimality(m), quadraturePoints, warmStart, checkAccuracy,
                    refinements, batchRows);
        }

        public Options withRefinements(int k) {
            return new Options(method, newton, quadraturePoints, warmStart, checkAccuracy, k, batchRows);
        }

        public Options withBatchRows(boolean on) {
            return new Options(method, newton, quadraturePoints, warmStart, checkAccuracy, refinements, on);
        }
    }

    private final Model model;
    private final Options options;
    /** The solver with the method's steps (level 0) and, made when first needed, with 2ᵏ times as many (level k). */
    private final Distances[] levels;
    private final int d;
    private final int p;
    private final double[] v;
    private final double[] jac;
    private boolean lastConverged;
    /** The batch solver of {@link #row}, made on first use; null when rows are solved entry by entry. */
    private BatchShooting batch;
    private boolean batchDecided;
    private double[] bx = new double[0];
    private double[] by = new double[0];
    private double[] bv = new double[0];
    /** The level of the last solve of this instance. */
    private int lastLevel;

    /** The cost of {@code model} (a metric model). */
    public SquaredGeodesicCost(Model model, Options options) {
        if (!model.descriptor().kernels().contains("metric")) {
            throw new IllegalArgumentException(model.name() + " has no metric: a squared geodesic cost needs one");
        }
        this.model = model;
        this.options = options;
        this.levels = new Distances[options.refinements() + 1];
        this.d = model.dimension();
        this.p = model.descriptor().parameterCount();
        this.v = new double[d];
        this.jac = new double[d * d];
        level(0);
    }

    private Distances level(int k) {
        if (levels[k] == null) {
            GeodesicMethod m = k == 0 ? options.method()
                    : GeodesicMethod.rk4(options.method().steps() << k, options.method().blowUp())
                    .withTolerance(options.method().tolerance());
            levels[k] = new Distances(model, m, options.newton(), options.quadraturePoints())
                    .checkAccuracy(options.checkAccuracy());
        }
        return levels[k];
    }

    public Options options() {
        return options;
    }

    @Override
    public String description() {
        return "squared geodesic distance of " + model.name();
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int parameterCount() {
        return p;
    }

    @Override
    public EntryResult cost(double[] x, double[] y, double[] theta, boolean continueRow) {
        boolean warm = options.warmStart() && continueRow && lastConverged;
        try {
            Distances.Distance r = solve(x, y, theta, warm, null, null, null);
            if (!r.converged()) {
                return failed(r.log());
            }
            return EntryResult.ok(r.value() * r.value());
        } catch (DomainException | MetricCheck.IndefiniteMetricException e) {
            lastConverged = false;
            return exception(e);
        }
    }

    @Override
    public EntryResult gradient(double[] x, double[] y, double[] theta, double[] gx, double[] gy, double[] gTheta) {
        try {
            Distances.Distance r = solve(x, y, theta, false, gx, gy, gTheta);
            if (!r.converged()) {
                return failed(r.log());
            }
            double twoD = 2 * r.value();
            for (int i = 0; i < d; i++) {
                gx[i] *= twoD;
                gy[i] *= twoD;
            }
            for (int k = 0; k < p; k++) {
                gTheta[k] *= twoD;
            }
            return EntryResult.ok(r.value() * r.value());
        } catch (DomainException | MetricCheck.IndefiniteMetricException e) {
            lastConverged = false;
            return exception(e);
        }
    }

    /**
     * The distance (with its gradients when gx is not null) at level 0, then at each finer level
     * while it is INACCURATE or unconverged, starting from the last iterate; NOT_MINIMAL is a
     * property of the geodesic, not of the steps, and is not refined.
     */
    private Distances.Distance solve(double[] x, double[] y, double[] theta, boolean warm, double[] gx, double[] gy,
                                     double[] gTheta) {
        Distances.Distance r = null;
        for (int k = 0; k < levels.length; k++) {
            boolean start = k == 0 ? warm : finite(v);
            r = gx == null ? level(k).distance(x, y, theta, v, jac, start)
                    : level(k).distanceGradient(x, y, theta, v, jac, start, gx, gy, gTheta);
            lastLevel = k;
            if (r.converged() || r.log().status() == LogStatus.NOT_MINIMAL) {
                break;
            }
        }
        lastConverged = r.converged();
        return r;
    }

    private static boolean finite(double[] a) {
        for (double x : a) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public PathResult path(double[] x, double[] y, double[] theta, int n) {
        try {
            Distances.Distance r = solve(x, y, theta, false, null, null, null);
            lastConverged = false;
            if (!r.converged()) {
                return PathResult.failed(failed(r.log()));
            }
            double[] pos = new double[n * d];
            double[] vel = new double[n * d];
            level(lastLevel).shooting().geodesics().path(x, v, theta, n, pos, vel);
            double[][] out = new double[n][d];
            for (int k = 0; k < n; k++) {
                System.arraycopy(pos, k * d, out[k], 0, d);
            }
            return new PathResult(EntryStatus.OK, out, "");
        } catch (DomainException | MetricCheck.IndefiniteMetricException e) {
            return PathResult.failed(exception(e));
        }
    }

    /**
     * One row's stretch: with {@link Options#batchRows()} (and RK4, a batch step kernel, and a
     * minimality check other than TRUST_WARM_STARTS), every entry's logarithm is shot at once by
     * {@link BatchShooting} from the straight line, and each entry whose batch solve converged is
     * then finished from that logarithm by the per-entry solver (its first shot meets the same
     * tolerance on the same computed map; then the conjugate-point check, the error estimate and
     * the refinements as for any entry); the others, entry by entry as {@link CostMatrices#entries}
     * (warm-started from the previous entry of the stretch). The statuses are the per-entry
     * solver's; values agree with the entry-by-entry row's up to the shooting tolerance.
     */
    @Override
    public void row(double[] x, double[][] ys, int[] order, int from, int to, double[] theta,
                    CostMatrices.EntrySink sink) {
        int n = to - from;
        if (!batchRows() || n < 2) {
            CostMatrices.entries(this, x, ys, order, from, to, theta, sink);
            return;
        }
        if (bv.length < n * d) {
            bx = new double[n * d];
            by = new double[n * d];
            bv = new double[n * d];
        }
        var domain = model.descriptor().domain();
        for (int b = 0; b < n; b++) {
            double[] y = ys[order[from + b]];
            for (int i = 0; i < d; i++) {
                double period = domain.period(i);
                bx[i * n + b] = x[i];
                // The image of y nearest to x, as the certifier's first solve.
                by[i * n + b] = period > 0 ? y[i] - period * Math.rint((y[i] - x[i]) / period) : y[i];
            }
        }
        LogResult[] solved = batch.log(n, bx, by, theta, bv, false);
        lastConverged = false;
        for (int b = 0; b < n; b++) {
            int k = from + b;
            int j = order[k];
            if (!solved[b].converged()) {
                sink.accept(j, cost(x, ys[j], theta, CostMatrices.continues(x, ys, order, from, k)));
                continue;
            }
            for (int i = 0; i < d; i++) {
                v[i] = bv[i * n + b];
            }
            // No Jacobian carried over: the batch's logarithm needs none unless its first shot fails.
            Arrays.fill(jac, Double.NaN);
            try {
                Distances.Distance r = solve(x, ys[j], theta, true, null, null, null);
                sink.accept(j, r.converged() ? EntryResult.ok(r.value() * r.value()) : failed(r.log()));
            } catch (DomainException | MetricCheck.IndefiniteMetricException e) {
                lastConverged = false;
                sink.accept(j, exception(e));
            }
        }
    }

    /** Whether {@link #row} shoots in batches; makes the batch solver on first use. */
    private boolean batchRows() {
        if (!batchDecided) {
            batchDecided = true;
            if (options.batchRows() && !options.method().adaptive()
                    && options.newton().minimality() != Minimality.TRUST_WARM_STARTS
                    && BatchShooting.supports(model.acceleration())) {
                batch = new BatchShooting(model.acceleration(), options.method(), options.newton());
            }
        }
        return batch != null;
    }

    /** Shots (integrations of exp) made by this instance so far, for profiling. */
    public long shots() {
        long n = 0;
        for (Distances l : levels) {
            n += l == null ? 0 : l.shooting().shots();
        }
        return n;
    }

    /** Exact Jacobians of exp (d adjoint passes each) computed by this instance so far, for profiling. */
    public long exactJacobians() {
        long n = 0;
        for (Distances l : levels) {
            n += l == null ? 0 : l.shooting().exactJacobians();
        }
        return n;
    }

    @Override
    public PairCost forThread() {
        return new SquaredGeodesicCost(model, options);
    }

    /** The entry status of an unconverged log solve. */
    static EntryResult failed(LogResult r) {
        EntryStatus s = r.status() == LogStatus.INACCURATE ? EntryStatus.INACCURATE
                : r.status() == LogStatus.NOT_MINIMAL ? EntryStatus.NOT_MINIMAL : EntryStatus.NOT_CONVERGED;
        return EntryResult.failed(s, r.failure());
    }

    static EntryResult exception(RuntimeException e) {
        return EntryResult.failed(e instanceof DomainException ? EntryStatus.OUTSIDE_DOMAIN
                : EntryStatus.INDEFINITE_METRIC, e.getMessage());
    }
}
