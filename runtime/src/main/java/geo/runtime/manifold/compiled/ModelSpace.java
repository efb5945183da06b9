package geo.runtime.manifold.compiled;

import geo.runtime.api.Domain;
import geo.runtime.api.ImplicitAcceleration;
import geo.runtime.bvp.BatchShooting;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.LogStatus;
import geo.runtime.bvp.Minimality;
import geo.runtime.bvp.PathGuesses;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.RefinableSpace;
import geo.runtime.manifold.WarmStartedSpace;
import java.util.function.ToLongFunction;

/**
 * Rᵈ with the metric g(x; θ) of a compiled model (for instance the learned metric
 * A_θ(x) = L(x) L(x)ᵀ + εI of Lou, Nickel &amp; Amos, "Deep Riemannian Manifold Learning", 2020):
 * d(x, y) = ‖log_x(y)‖_g(x) by Newton shooting ({@link Distances}), with
 * <pre>
 *   ∂d/∂x = −g(x) v / d,   ∂d/∂y = g(y) γ'(1) / d,   ∂d/∂θ = (1/d) ∫₀¹ ∂_θ ½ γ'ᵀ g(γ; θ) γ' dt
 * </pre>
 * for v = log_x(y) and the geodesic γ from x to y (the last by the envelope theorem).
 *
 * <p>With {@link Options#warmStart()} every pair's Newton iteration starts from that pair's
 * previous logarithm, which after one optimiser step is a far better guess than the straight line
 * y − x, and (with {@link Shooting.Options#jacobianUpdates()}) from the Jacobian of exp its solve
 * ended with, which spares the d adjoint passes of an exact one: a cache of one slot per pair
 * index, shared by all instances made by {@link #forThread()}. A warm-started solve meets the same tolerance as a cold one, and falls
 * back to the cold start (straight line, continuation) when it fails. A pair's result depends only
 * on that pair's history, not on which thread solved it.
 *
 * <p>{@link #prepare} solves the warm-started logarithms of a batch of pairs together
 * ({@link BatchShooting#logUpdating}: one vectorised exponential map a round for all of them, each
 * pair's Newton matrix updated by Broyden's formula as the per-pair solver does), when the model
 * batches exp ({@link BatchShooting#supports}); each pair's {@link #distance} then starts from the
 * batch's logarithm and matrix instead of its cached ones, and finishes, checks and differentiates
 * the solve itself exactly as without the batch (from a converged logarithm its first shot meets
 * the tolerance: the batch shot has the per-pair shot's bits). Pairs without a warm start, or at
 * a refined level, are solved pair by pair as before.
 */
public final class ModelSpace implements WarmStartedSpace, RefinableSpace {

    /**
     * The system property that turns {@link #prepare}'s batched logarithms off
     * ({@code -Dgeo.manifold.batchLogs=false}: every pair solved alone, for measurements).
     */
    public static final String BATCH_LOGS = "geo.manifold.batchLogs";
    /** The pairs {@link #prepare} wants at once ({@link #preparedWidth()}). */
    public static final int PREPARED_WIDTH = 256;
    private static final boolean BATCH_LOGS_ON = !"false".equals(System.getProperty(BATCH_LOGS));

    /** How far (relative to the radius or the box width) {@link #project} keeps points from the boundary. */
    private static final double MARGIN = 1e-6;

    /**
     * How distances are computed.
     *
     * @param method           the geodesic integrator of the shooting
     * @param newton           the Newton tolerance (endpoint error, absolute) and limits
     * @param quadraturePoints samples of the geodesic for ∂d/∂θ: an odd number ≥ 3, or
     *                         {@link Distances#MESH} for the RK4 mesh of the shot itself
     * @param warmStart        whether each pair starts from its previous logarithm
     * @param refinements      with RK4: how many times a pair's step count may double (16 → 32 →
     *                         64 …) when its solve fails, one doubling per call
     */
    public record Options(GeodesicMethod method, Shooting.Options newton, int quadraturePoints, boolean warmStart,
                          int refinements) {

        public Options {
            if (refinements < 0 || (refinements > 0 && method.adaptive())) {
                throw new IllegalArgumentException("refinements must be ≥ 0, and 0 with an adaptive method; got "
                        + refinements + " with " + method);
            }
        }

        /** Without refinements. */
        public Options(GeodesicMethod method, Shooting.Options newton, int quadraturePoints, boolean warmStart) {
            this(method, newton, quadraturePoints, warmStart, 0);
        }

        /**
         * For training: RK4 with 16 steps, Newton with Broyden updates to an endpoint error of
         * 1e-7, Simpson on the RK4 mesh, warm starts. Measured on the deep metrics (DistanceProfile
         * in bench/): distances within about 1e-4 of the exact ones (the O(n⁻⁴) error of RK4, far
         * below what an embedding's distortion resolves) for a few hundred µs per distance and
         * gradient. Fewer steps are cheaper but not safe: with 8, geodesics of a metric that
         * training has bent integrate so coarsely that some pairs (a few percent of Sphere100's,
         * within 8 epochs) find no solution, and each such failure costs hundreds of solves. Even
         * 16 are not always enough once a metric has bent far (a Tree6 run, 300 epochs in): a pair
         * whose solve fails is solved again with 32 steps, and keeps that step count for the rest of
         * the run. One doubling only: a pair that fails at every level costs a failing solve at
         * each, and with three doublings (up to 128 steps) such pairs made Sphere100 epochs in
         * d = 5 several times slower.
         */
        public static final Options TRAINING = new Options(GeodesicMethod.rk4(16), new Shooting.Options(1e-7, 50, 30, true,
                Minimality.TRUST_WARM_STARTS),
                Distances.MESH, true, 1);

        /** The same without warm starts. */
        public Options cold() {
            return new Options(method, newton, quadraturePoints, false, refinements);
        }
    }

    private final Model model;
    private final Options options;
    private final WarmStarts cache;
    /** The solver with the method's steps (level 0) and, made when first needed, with 2ᵏ times as many (level k). */
    private final Distances[] levels;
    private final double[] v;
    private final double[] jac;
    private final Domain domain;
    private LogResult lastLog;
    /** Made when first needed: the path-based guesses, and a solver that certifies a solve from a guess (a path or another pair). */
    private PathGuesses paths;
    private Distances certified;
    /** The batch solver (made by the first {@link #prepare}; null when the model does not batch exp). */
    private BatchShooting batch;
    private boolean batchMade;
    /** The pairs of the last {@link #prepare} (−1 once used) with their logarithms and matrices. */
    private int[] preparedPairs = new int[0];
    private int preparedCount;
    private double[] preparedV = new double[0];
    private double[] preparedJac = new double[0];
    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private double[] vs = new double[0];
    private long batchedPairs;

    /** A space for {@code model} (a metric model) with its own, empty warm-start cache. */
    public ModelSpace(Model model, Options options) {
        this(model, options, new WarmStarts(model.dimension()));
    }

    private ModelSpace(Model model, Options options, WarmStarts cache) {
        this.model = model;
        this.options = options;
        this.cache = cache;
        this.levels = new Distances[options.refinements() + 1];
        this.levels[0] = new Distances(model, options.method(), options.newton(), options.quadraturePoints())
                .checkAccuracy(false);
        this.v = new double[model.dimension()];
        this.jac = new double[model.dimension() * model.dimension()];
        this.domain = model.descriptor().domain();
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public int parameterCount() {
        return model.descriptor().parameterCount();
    }

    /** The model's default θ (its initialisers, drawn with seed 0). */
    @Override
    public double[] initialParameters() {
        return model.defaultParameters();
    }

    /** The model's initialisers drawn with {@code seed} ({@link Model#initialParameters(long)}; seed 0 gives the default θ). */
    @Override
    public double[] initialParameters(long seed) {
        return model.initialParameters(seed);
    }

    /** How this space computes distances. */
    public Options options() {
        return options;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A pair starts at the refinement level it last needed (with warm starts; else at the
     * method's own steps); when the solve fails, it is solved once more with twice the steps (at
     * most {@link Options#refinements()} doublings in all, one per call, so a failing pair costs
     * at most two solves a call). When that fails too, the failure the solver's {@link LogStatus}
     * names ({@link #outcome(LogResult, double)}), or NOT_FINITE for a converged solve
     * whose d or gradients are not finite; then the pair's warm start is kept, so a later epoch
     * starts from the last good one, at the finer level.
     */
    @Override
    public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                           double[] gTheta) {
        return solve(pair, x, y, theta, gx, gy, gTheta);
    }

    /** The distance alone: the same solve (warm start, refinement, cache) without the gradients' quadrature. */
    @Override
    public PairDistance distance(int pair, double[] x, double[] y, double[] theta) {
        return solve(pair, x, y, theta, null, null, null);
    }

    /** {@link #distance}, with the gradients when {@code gx} is not null. */
    private PairDistance solve(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                         double[] gTheta) {
        int start = options.warmStart() ? Math.min(cache.level(pair), levels.length - 1) : 0;
        int level = start;
        boolean warm = options.warmStart() && (start == 0 && takePrepared(pair) || cache.load(pair, v, jac));
        Distances.Distance r = once(level, x, y, theta, warm, gx, gy, gTheta);
        if (!r.converged() && level < levels.length - 1) {
            level++;
            warm = options.warmStart() && cache.load(pair, v, jac);
            r = once(level, x, y, theta, warm, gx, gy, gTheta);
        }
        if (options.warmStart()) {
            if (r.converged()) {
                cache.store(pair, v, jac, level);
            } else if (level > start) {
                cache.raiseLevel(pair, level);
            }
        }
        lastLog = r.log();
        return result(r, gx, gy, gTheta);
    }

    /**
     * r as a {@link PairDistance}: its log status and value, and NOT_FINITE for a converged solve
     * whose gradients (when {@code gx} is not null) have an entry that is not finite.
     */
    private PairDistance result(Distances.Distance r, double[] gx, double[] gy, double[] gTheta) {
        PairDistance p = outcome(r.log(), r.value());
        return !p.ok() || gx == null ? p : PairDistance.checked(model.name(), r.value(), gx, gy, gTheta);
    }

    /**
     * The outcome of a solve: {@link PairDistance#of}(d) when the logarithm converged and d is
     * finite, else the failure its {@link LogStatus} names (MAX_ITERATIONS, SINGULAR_JACOBIAN and
     * NO_PROGRESS are NOT_CONVERGED; INACCURATE and NOT_MINIMAL keep their names; a converged
     * solve whose d is not finite is NOT_FINITE), with the solve's status, iterations and residual
     * as the reason.
     */
    public static PairDistance outcome(LogResult log, double d) {
        if (log.converged()) {
            return Double.isFinite(d) ? PairDistance.of(d)
                    : PairDistance.failed(PairDistance.Status.NOT_FINITE, "the distance is " + d + " (" + log + ")");
        }
        PairDistance.Status s = switch (log.status()) {
            case INACCURATE -> PairDistance.Status.INACCURATE;
            case NOT_MINIMAL -> PairDistance.Status.NOT_MINIMAL;
            default -> PairDistance.Status.NOT_CONVERGED;
        };
        return PairDistance.failed(s, log.failure());
    }

    /**
     * {@inheritDoc}
     *
     * <p>The pairs with a warm start at the method's own steps are solved together now
     * ({@link BatchShooting#logUpdating} from their cached logarithms and matrices); the others,
     * and every pair when the model does not batch exp or warm starts are off, are left to
     * {@link #distance}.
     */
    @Override
    public void prepare(int n, int[] pairs, double[] x, double[] y, double[] theta) {
        preparedCount = 0;
        if (!options.warmStart() || !BATCH_LOGS_ON || n < 2 || batchShooting() == null) {
            return;
        }
        int d = model.dimension();
        if (preparedPairs.length < n) {
            preparedPairs = new int[n];
            preparedV = new double[n * d];
            preparedJac = new double[n * d * d];
            xs = new double[n * d];
            ys = new double[n * d];
            vs = new double[n * d];
        }
        int m = 0;
        for (int b = 0; b < n; b++) {
            if (cache.level(pairs[b]) == 0 && cache.load(pairs[b], v, jac)) {
                preparedPairs[m] = b;
                System.arraycopy(v, 0, preparedV, m * d, d);
                System.arraycopy(jac, 0, preparedJac, m * d * d, d * d);
                m++;
            }
        }
        if (m < 2) {
            return;
        }
        for (int j = 0; j < m; j++) {
            int b = preparedPairs[j];
            for (int i = 0; i < d; i++) {
                xs[i * m + j] = x[b * d + i];
                ys[i * m + j] = y[b * d + i];
                vs[i * m + j] = preparedV[j * d + i];
            }
        }
        batch.logUpdating(m, xs, ys, theta, vs, preparedJac);
        for (int j = 0; j < m; j++) {
            preparedPairs[j] = pairs[preparedPairs[j]];
            for (int i = 0; i < d; i++) {
                preparedV[j * d + i] = vs[i * m + j];
            }
        }
        preparedCount = m;
        batchedPairs += m;
    }

    /** The batch solver, made when first needed: null when the model does not batch exp or its domain is periodic. */
    private BatchShooting batchShooting() {
        if (!batchMade) {
            batchMade = true;
            boolean periodic = false;
            for (int i = 0; i < model.dimension(); i++) {
                periodic |= domain.period(i) > 0;
            }
            var kernels = model.acceleration();
            if (!periodic && !options.method().adaptive() && BatchShooting.supports(kernels)) {
                batch = new BatchShooting(kernels, options.method(), options.newton());
            }
        }
        return batch;
    }

    /** Loads pair's logarithm and matrix from the last {@link #prepare} into v and jac (once); false when it has none. */
    private boolean takePrepared(int pair) {
        int d = model.dimension();
        for (int j = 0; j < preparedCount; j++) {
            if (preparedPairs[j] == pair) {
                preparedPairs[j] = -1;
                System.arraycopy(preparedV, j * d, v, 0, d);
                System.arraycopy(preparedJac, j * d * d, jac, 0, d * d);
                return true;
            }
        }
        return false;
    }

    /** Pairs whose logarithms {@link #prepare} solved in batches so far, for profiling. */
    public long batchedPairs() {
        return batchedPairs;
    }

    /** Points integrated by {@link #prepare}'s batched exps so far, and their calls, for profiling ({0, 0} without a batch). */
    public long[] batchShots() {
        return batch == null ? new long[2] : new long[] {batch.shots(), batch.rounds()};
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@value #PREPARED_WIDTH} (the trainer's mini-batch) when {@link #prepare} batches this
     * model's logarithms: measured on deep2, chunks of 32 pairs made a warm epoch 0.67× as fast as
     * pair by pair, 128 0.88×, 256 1.11× (bench/RESULTS.md); else 1.
     */
    @Override
    public int preparedWidth() {
        return batchesLogs() ? PREPARED_WIDTH : 1;
    }

    /** Whether {@link #prepare} batches this model's logarithms (the model batches exp, warm starts are on). */
    public boolean batchesLogs() {
        return options.warmStart() && BATCH_LOGS_ON && batchShooting() != null;
    }

    private Distances.Distance once(int level, double[] x, double[] y, double[] theta, boolean warm, double[] gx,
                                    double[] gy, double[] gTheta) {
        return gx == null ? level(level).distance(x, y, theta, v, jac, warm)
                : level(level).distanceGradient(x, y, theta, v, jac, warm, gx, gy, gTheta);
    }

    private Distances level(int k) {
        if (levels[k] == null) {
            GeodesicMethod finer = GeodesicMethod.rk4(options.method().steps() << k, options.method().blowUp());
            levels[k] = new Distances(model, finer, options.newton(), options.quadraturePoints()).checkAccuracy(false);
        }
        return levels[k];
    }

    /**
     * {@inheritDoc}
     *
     * <p>At this space's own resolution, {@code from}'s stored velocity and Newton matrix the
     * first guess, with {@link Minimality#CONJUGATE_POINTS}; only with warm starts (else, and on
     * failure, the pair's own solve).
     */
    @Override
    public PairDistance distanceFrom(int pair, int from, double[] x, double[] y, double[] theta) {
        return distanceFrom(pair, from, x, y, theta, null, null, null);
    }

    /** {@inheritDoc} As the distance alone, with the gradients' quadrature on the converged solve. */
    @Override
    public PairDistance distanceFrom(int pair, int from, double[] x, double[] y, double[] theta, double[] gx,
                                     double[] gy, double[] gTheta) {
        if (options.warmStart() && from != pair && cache.load(from, v, jac)) {
            Distances.Distance r = gx == null ? certifying().distance(x, y, theta, v, jac, true)
                    : certifying().distanceGradient(x, y, theta, v, jac, true, gx, gy, gTheta);
            if (r.converged()) {
                cache.store(pair, v, jac, 0);
                lastLog = r.log();
                return result(r, gx, gy, gTheta);
            }
        }
        return solve(pair, x, y, theta, gx, gy, gTheta);
    }

    /** The solver at this space's resolution that checks every solve for conjugate points (made when first needed). */
    private Distances certifying() {
        if (certified == null) {
            certified = new Distances(model, options.method(), options.newton().withMinimality(Minimality.CONJUGATE_POINTS),
                    options.quadraturePoints()).checkAccuracy(false);
        }
        return certified;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The guess is {@link PathGuesses#fromChord}'s (the discrete path of least energy from the
     * chord); the solve is warm-started from it at this space's own resolution with the
     * conjugate-point check ({@link Minimality#CONJUGATE_POINTS}, also where the space's Newton
     * options trust warm starts, which are certified solves and this guess is not).
     */
    @Override
    public PairDistance distanceFromPath(int pair, double[] x, double[] y, double[] theta) {
        if (paths == null) {
            paths = new PathGuesses(model, options.method());
        }
        double[] guess = new double[model.dimension()];
        if (!paths.fromChord(x, y, theta, guess)) {
            return PairDistance.failed(PairDistance.Status.NO_GUESS, "the energy minimiser from the chord gave no usable path");
        }
        Distances.Distance r = certifying().distance(x, y, theta, guess, null, true);
        lastLog = r.log();
        return result(r, null, null, null);
    }

    /** The log solve behind the last {@link #distance} call of this instance (its status and Newton iterations). */
    public LogResult lastLog() {
        return lastLog;
    }

    /**
     * Moves x strictly inside the model's declared domain ({@link Domain#project}): into the ball of radius (1 − 1e-6) r,
     * or the box shrunk by 1e-6 of its width (periodic coordinates are left as they are); a no-op
     * for all of Rᵈ.
     */
    @Override
    public void project(double[] x) {
        domain.project(x, MARGIN);
    }

    /** Shots (integrations of exp) made by this instance's solver so far, for profiling. */
    public long shots() {
        return sum(Shooting::shots);
    }

    /** Exact Jacobians of exp (d adjoint passes each) computed by this instance's solver so far, for profiling. */
    public long exactJacobians() {
        return sum(Shooting::exactJacobians);
    }

    /** A solver counter summed over the refinement levels made so far. */
    private long sum(ToLongFunction<Shooting> counter) {
        long n = 0;
        for (Distances level : levels) {
            n += level == null ? 0 : counter.applyAsLong(level.shooting());
        }
        return n;
    }

    /**
     * {@inheritDoc}
     *
     * <p>RK4 with 2^level times the steps (the Newton tolerance, quadrature and warm-start setting
     * unchanged, Newton's matrices those of {@link #refinedNewton()}, one doubling more allowed for a
     * pair that fails), starting from a copy of this space's warm starts; an adaptive method is
     * returned as it is (its accuracy is its tolerance's).
     */
    @Override
    public ModelSpace refined(int level) {
        if (level < 1) {
            throw new IllegalArgumentException("a refinement level is ≥ 1, got " + level);
        }
        if (options.method().adaptive()) {
            return new ModelSpace(model, options, cache.copy());
        }
        GeodesicMethod finer = GeodesicMethod.rk4(options.method().steps() << level, options.method().blowUp());
        return new ModelSpace(model, new Options(finer, refinedNewton(), options.quadraturePoints(),
                options.warmStart(), Math.max(1, options.refinements())), cache.copy());
    }

    /**
     * Newton's settings on a refined mesh. With Broyden-updated exact Jacobians and an implicit
     * acceleration (a dense metric, where an exact Jacobian is d tangent passes through every RK4
     * stage), an exact Jacobian of the refined map costs 2^level times one of this mesh's, and the
     * warm starts' matrices are this mesh's exact Jacobians: so the refined space's Newton matrices
     * are instead forward differences of this space's own RK4 steps, Broyden-updated
     * ({@link Shooting.Options#jacobianSteps()}; the simplified Newton method of Kelley,
     * <i>Iterative Methods for Linear and Nonlinear Equations</i>, §5.4), refined after slow steps and
     * replaced by exact Jacobians when that fails. The tolerance, the shots and the convergence
     * test are unchanged, so a converged distance meets the same endpoint tolerance.
     */
    private Shooting.Options refinedNewton() {
        Shooting.Options newton = options.newton();
        // model.acceleration() makes a kernel instance for the test: once per refined space, not per solve
        if (!newton.jacobianUpdates() || newton.jacobianSteps() != 0
                || !(model.acceleration() instanceof ImplicitAcceleration)) {
            return newton;
        }
        return new Shooting.Options(newton.tolerance(), newton.maxIterations(), newton.maxHalvings(), false,
                newton.minimality(), options.method().steps());
    }

    @Override
    public String resolution() {
        return options.method().adaptive() ? options.method().toString() : "RK4 × " + options.method().steps();
    }

    /** A new instance with its own kernels and scratch arrays, sharing this one's warm-start cache. */
    @Override
    public ModelSpace forThread() {
        return new ModelSpace(model, options, cache);
    }

    /** Forgets all warm starts (of every instance sharing the cache), e.g. before a new seed's run. */
    @Override
    public void clearWarmStarts() {
        cache.clear();
    }

    @Override
    public boolean hasWarmStart(int pair) {
        return options.warmStart() && cache.has(pair);
    }

    /** The same model, resolution and Newton settings, solving every pair cold (its own empty cache, never used). */
    @Override
    public ModelSpace withEmptyWarmStarts() {
        return new ModelSpace(model, options, new WarmStarts(model.dimension()));
    }

    @Override
    public ModelSpace withoutWarmStarts() {
        return new ModelSpace(model, options.cold(), new WarmStarts(model.dimension()));
    }

    @Override
    public String toString() {
        return "ModelSpace(" + model.name() + ", " + options.method() + ", tol " + options.newton().tolerance()
                + (options.warmStart() ? ", warm" : ", cold")
                + (options.refinements() > 0 ? ", up to " + options.refinements() + " refinements" : "") + ")";
    }
}
