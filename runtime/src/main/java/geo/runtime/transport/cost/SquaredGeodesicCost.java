package geo.runtime.transport.cost;

import geo.runtime.api.DomainException;
import geo.runtime.api.MetricCheck;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.LogStatus;
import geo.runtime.bvp.Minimality;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;

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
 * <p>A pair with a point outside the domain, an indefinite metric or an unconverged,
 * inaccurate or uncertified solve is an entry with that status, never a number.
 */
public final class SquaredGeodesicCost implements PairCost {

    /**
     * How the distances are computed.
     *
     * @param method           the geodesic integrator
     * @param newton           Newton's tolerance and limits, and how minimality is certified
     * @param quadraturePoints samples of the geodesic for ∂c/∂θ (odd ≥ 3), or {@link Distances#MESH}
     * @param warmStart        whether an entry starts from the previous entry of its row
     * @param checkAccuracy    whether a distance is held to its error estimate in the metric
     *                         ({@link Distances#checkAccuracy}); off, an entry is OK once the shot converges
     */
    public record Options(GeodesicMethod method, Shooting.Options newton, int quadraturePoints, boolean warmStart,
                          boolean checkAccuracy) {

        /** RK4 steps of {@link #DEFAULTS}. */
        public static final int STEPS = 64;
        /** Newton's endpoint tolerance of {@link #DEFAULTS}. */
        public static final double TOLERANCE = 1e-10;

        /**
         * RK4 with {@value #STEPS} steps (step-doubling error at most 1e-6), Newton to 1e-10 with
         * Broyden updates, geodesics checked for conjugate points, ∂c/∂θ by Simpson on the RK4 mesh,
         * warm starts along rows, accuracy checked.
         */
        public static final Options DEFAULTS = new Options(GeodesicMethod.rk4(STEPS),
                new Shooting.Options(TOLERANCE, 50, 30, true, Minimality.CONJUGATE_POINTS), Distances.MESH, true, true);

        public Options withMethod(GeodesicMethod m) {
            int q = quadraturePoints == Distances.MESH && (m.adaptive() || m.steps() % 2 != 0)
                    ? Distances.QUADRATURE_POINTS : quadraturePoints;
            return new Options(m, newton, q, warmStart, checkAccuracy);
        }

        public Options withWarmStart(boolean on) {
            return new Options(method, newton, quadraturePoints, on, checkAccuracy);
        }

        public Options withCheckAccuracy(boolean on) {
            return new Options(method, newton, quadraturePoints, warmStart, on);
        }
    }

    private final Model model;
    private final Options options;
    private final Distances distances;
    private final int d;
    private final int p;
    private final double[] v;
    private final double[] jac;
    private final double[] dd;
    private boolean lastConverged;

    /** The cost of {@code model} (a metric model). */
    public SquaredGeodesicCost(Model model, Options options) {
        if (!model.descriptor().kernels().contains("metric")) {
            throw new IllegalArgumentException(model.name() + " has no metric: a squared geodesic cost needs one");
        }
        this.model = model;
        this.options = options;
        this.distances = new Distances(model, options.method(), options.newton(), options.quadraturePoints())
                .checkAccuracy(options.checkAccuracy());
        this.d = model.dimension();
        this.p = model.descriptor().parameterCount();
        this.v = new double[d];
        this.jac = new double[d * d];
        this.dd = new double[d];
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
            Distances.Distance r = distances.distance(x, y, theta, v, jac, warm);
            lastConverged = r.converged();
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
            Distances.Distance r = distances.distanceGradient(x, y, theta, v, jac, false, gx, gy, gTheta);
            lastConverged = r.converged();
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

    @Override
    public PathResult path(double[] x, double[] y, double[] theta, int n) {
        try {
            LogResult r = distances.log(x, y, theta, dd);
            lastConverged = false;
            if (!r.converged()) {
                return PathResult.failed(failed(r));
            }
            double[] pos = new double[n * d];
            double[] vel = new double[n * d];
            distances.shooting().geodesics().path(x, dd, theta, n, pos, vel);
            double[][] out = new double[n][d];
            for (int k = 0; k < n; k++) {
                System.arraycopy(pos, k * d, out[k], 0, d);
            }
            return new PathResult(EntryStatus.OK, out, "");
        } catch (DomainException | MetricCheck.IndefiniteMetricException e) {
            return PathResult.failed(exception(e));
        }
    }

    /** Shots (integrations of exp) made by this instance so far, for profiling. */
    public long shots() {
        return distances.shooting().shots();
    }

    /** Exact Jacobians of exp (d adjoint passes each) computed by this instance so far, for profiling. */
    public long exactJacobians() {
        return distances.shooting().exactJacobians();
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
