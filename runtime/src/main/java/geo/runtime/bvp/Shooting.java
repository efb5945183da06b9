package geo.runtime.bvp;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.ImplicitAcceleration;
import geo.runtime.geodesic.ExpTape;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.linalg.Dense;
import geo.runtime.ode.IntegrationException;
import geo.runtime.ode.Tolerances;
import java.util.Arrays;

/**
 * log_x(y) by damped Newton shooting: solve F(v) = exp_x(v) − y = 0 from the straight-line guess
 * v₀ = y − x (halved until its geodesic integrates), falling back to continuation along the
 * segment from x to y, with J = ∂exp_x/∂v from d reverse passes of
 * the exact discrete adjoint ({@link ExpTape#backward}) — or, for an implicit acceleration, one
 * forward pass with d tangents ({@link ExpTape#positionJacobian}) —, so Newton sees the true
 * Jacobian of the computed map. Each step is damped by backtracking until ‖F‖ decreases. Allocates only at
 * construction and on the first use of a Jacobian kind; not thread-safe (one per thread).
 *
 * <p>With {@link Options#jacobianUpdates()} the exact Jacobian, which costs d adjoint passes
 * (each about twice a shot), is computed only when needed: between exact evaluations it is
 * updated by Broyden's rank-one formula J ← J + (ΔF − J s) sᵀ / (sᵀ s) after each accepted step s,
 * and a warm start may supply it. Every shot still evaluates the true F, so the convergence test,
 * and with it the accuracy of the result, is the same.
 *
 * <p>With {@link Options#jacobianSteps()} n &gt; 0 ({@link Options#DEFAULT}) and an implicit
 * acceleration, whose exact Jacobian costs d tangent passes through every stage of the adaptive
 * map (O(d³) per stage on a dense metric), Newton's matrix is instead ∂exp_x/∂v of n classical RK4
 * steps along the current iterate's geodesic, by forward differences: Newton's method with an
 * approximate derivative (Kelley, <i>Iterative Methods for Linear and Nonlinear Equations</i>,
 * SIAM 1995, §5.4), which near the solution contracts the residual linearly by about the
 * matrix's relative error, O(n⁻⁴). Between fresh coarse matrices the matrix is updated by
 * Broyden's formula after each accepted step, and kept while each step leaves at most
 * {@value NewtonPolicy#UPDATED_PROGRESS} of the residual (the updates make the linear contraction
 * superlinear near the solution). After a full step (or one damped below α =
 * {@value NewtonPolicy#REFINE_BELOW}) with a fresh matrix that makes less than {@value NewtonPolicy#SLOW_PROGRESS} of its
 * progress, or a failed one, the matrix is refined (2n, 4n steps, {@value NewtonPolicy#COARSE_REFINEMENTS}
 * times); when the finest still fails, or fresh matrices make slow steps more than
 * {@value NewtonPolicy#SLOW_COARSE} times, the solve continues with exact Jacobians, which alone decide a
 * SINGULAR_JACOBIAN or NO_PROGRESS status. Shots and the convergence test are unchanged, so a
 * converged result meets the same tolerance; it lands less far below it than exact Newton's
 * quadratic last step. Before that iteration, a cold solve with coarse matrices first solves the
 * coarse map itself ({@link CoarsePhase}: from the straight line, else by continuation along the
 * discrete path of least energy) and starts the adaptive map's Newton iteration from the coarse
 * logarithm with the coarse phase's last matrix, so that the damped steps far from the solution
 * cost coarse shots (issue 23: 18 → 8 adaptive shots per distance on a dense metric at d = 20);
 * when the coarse phase fails, or the iteration from it does, the solve goes on from the straight
 * line as before.
 */
public final class Shooting {

    /**
     * Tolerances and limits of the Newton iteration.
     *
     * @param tolerance       the endpoint error ‖exp_x(v) − y‖ (absolute, in coordinates) that counts as converged
     * @param maxIterations   Newton steps per solve (each continuation stage is a solve)
     * @param maxHalvings     backtracking halvings of a step
     * @param jacobianUpdates Broyden updates between exact Jacobians (recomputed when a step makes
     *                        less than {@value NewtonPolicy#SLOW_PROGRESS} of its progress or fails), instead of
     *                        an exact Jacobian at every step
     * @param minimality      how {@link Distances} certifies that a geodesic is the shortest (the
     *                        shooting itself only solves exp_x(v) = y)
     * @param jacobianSteps   0: Newton's Jacobian is the exact derivative of the computed map; n &gt; 0:
     *                        for an implicit acceleration without {@code jacobianUpdates}, the
     *                        forward-difference derivative of n classical RK4 steps along the
     *                        current iterate's geodesic (a simplified Newton matrix, see
     *                        {@link Shooting}), Broyden-updated between fresh ones, refined after
     *                        slow steps and replaced by the exact Jacobian when that fails
     */
    public record Options(double tolerance, int maxIterations, int maxHalvings, boolean jacobianUpdates,
                          Minimality minimality, int jacobianSteps) {
        /**
         * Endpoint error below 1e-11 (absolute, in coordinates), 50 iterations, 30 step halvings,
         * no Broyden updates, geodesics checked for conjugate points ({@link Minimality#CONJUGATE_POINTS}),
         * and Newton matrices of {@value #COARSE_JACOBIAN_STEPS} RK4 steps for implicit
         * accelerations (exact Jacobians for explicit ones).
         * Not Broyden updates: Broyden's superlinear iteration stops just below the
         * tolerance where exact Newton's last step lands orders of magnitude below it, and the
         * distance's error estimate in the metric near the boundary of a Poincaré ball relies on
         * that (measured in issue 23: with Broyden updates by default, a quarter of the time at
         * d = 20, fewer near-boundary distances passed the accuracy check). The coarse Newton matrix
         * contracts the residual linearly by about its relative error (measured 1e-4 per step at
         * d = 10 and 1e-3 at d = 20 on a dense learned metric), and made a distance there at
         * d = 20 4.6× cheaper than exact Jacobians of the DOPRI5 map at 1e-12 (bench/RESULTS.md,
         * issue 23, "Coarse Newton matrices for dense metrics").
         */
        public static final Options DEFAULT = new Options(1e-11, 50, 30, false, Minimality.CONJUGATE_POINTS,
                Options.COARSE_JACOBIAN_STEPS);

        /** RK4 steps of {@link #DEFAULT}'s Newton matrix for implicit accelerations. */
        public static final int COARSE_JACOBIAN_STEPS = 16;

        public Options {
            Tolerances.positive("the shooting tolerance", tolerance);
            if (maxIterations < 1 || maxHalvings < 0) {
                throw new IllegalArgumentException("need maxIterations ≥ 1 and maxHalvings ≥ 0, got " + maxIterations
                        + " and " + maxHalvings);
            }
            if (minimality == null) {
                throw new IllegalArgumentException("minimality must be given");
            }
            if (jacobianSteps < 0) {
                throw new IllegalArgumentException("jacobianSteps must be ≥ 0, got " + jacobianSteps);
            }
        }

        /** Exact Jacobians at every step; the default minimality check. */
        public Options(double tolerance, int maxIterations, int maxHalvings) {
            this(tolerance, maxIterations, maxHalvings, false);
        }

        /** The default minimality check ({@link Minimality#CONJUGATE_POINTS}); exact Jacobians. */
        public Options(double tolerance, int maxIterations, int maxHalvings, boolean jacobianUpdates) {
            this(tolerance, maxIterations, maxHalvings, jacobianUpdates, Minimality.CONJUGATE_POINTS);
        }

        /** Exact (or Broyden-updated) Jacobians, never coarse ones. */
        public Options(double tolerance, int maxIterations, int maxHalvings, boolean jacobianUpdates,
                       Minimality minimality) {
            this(tolerance, maxIterations, maxHalvings, jacobianUpdates, minimality, 0);
        }

        /** These options with another minimality check. */
        public Options withMinimality(Minimality m) {
            return new Options(tolerance, maxIterations, maxHalvings, jacobianUpdates, m, jacobianSteps);
        }

        /** These options with Newton matrices of {@code steps} RK4 steps (0: exact Jacobians). */
        public Options withJacobianSteps(int steps) {
            return new Options(tolerance, maxIterations, maxHalvings, jacobianUpdates, minimality, steps);
        }
    }

    private final Geodesics geodesics;
    private final Options options;
    private final int d;
    private final ExpTape tape;
    private final double[] residual;
    private final double[] trialResidual;
    private final double[] step;
    private final double[] trial;
    private final double[] jacobian;
    private final double[] factored;
    private final double[] unit;
    private final double[] xBar;
    private final double[] vBar;
    private final double[] end;
    private final double[] target;
    /**
     * Whether exact Jacobians are taken in forward mode (one pass carrying d tangents,
     * {@link ExpTape#positionJacobian}) rather than by d reverse passes: for an implicit
     * acceleration, whose forward pass factors the system once per stage for all d directions
     * where d reverse passes factor it d times. For explicit kernels the fused reverse step is as
     * fast (bench/RESULTS.md, issue 23), and reverse passes are kept.
     */
    private final boolean forwardJacobian;
    /** The coarse Newton matrices ({@link CoarseJacobians}); null when Newton uses exact Jacobians. */
    private final CoarseJacobians coarse;
    /** The coarse phase before the adaptive map's Newton iteration ({@link CoarsePhase}); null without coarse matrices. */
    private final CoarsePhase phase;
    /** The residual norm of the shot at the v that {@link #newton} starts from, made by the coarse phase; else NaN. */
    private double pendingShot = Double.NaN;
    /** Whether {@code jacobian} holds the exact or an updated Jacobian near the current iterate. */
    private boolean jacobianValid;
    private long shots;
    private long exactJacobians;
    /** Whether the last {@link #log} converged from its warm start (not from the straight line or by continuation). */
    private boolean convergedFromWarmStart;

    /** Continuation refines the segment x → y into up to 2^this pieces before giving up. */
    private static final int CONTINUATION_LEVELS = 4;

    public Shooting(AccelerationKernels kernels, GeodesicMethod method, Options options) {
        this.geodesics = new Geodesics(kernels, method);
        this.options = options;
        this.d = geodesics.dimension();
        this.tape = geodesics.newTape();
        this.forwardJacobian = kernels instanceof ImplicitAcceleration;
        this.coarse = forwardJacobian && options.jacobianSteps() > 0 && !options.jacobianUpdates()
                ? new CoarseJacobians(geodesics, options.jacobianSteps(), NewtonPolicy.COARSE_REFINEMENTS) : null;
        this.phase = coarse == null ? null
                : new CoarsePhase(coarse, geodesics.dimension(), options, NewtonPolicy.COARSE_REFINEMENTS);
        residual = new double[d];
        trialResidual = new double[d];
        step = new double[d];
        trial = new double[d];
        jacobian = new double[d * d];
        factored = new double[d * d];
        unit = new double[d];
        xBar = new double[d];
        vBar = new double[d];
        end = new double[d];
        target = new double[d];
    }

    public Geodesics geodesics() {
        return geodesics;
    }

    /** The number of shots (integrations of exp with its tape) this object has made, for profiling. */
    public long shots() {
        return shots;
    }

    /** The number of exact Jacobians (d adjoint passes each) this object has computed, for profiling. */
    public long exactJacobians() {
        return exactJacobians;
    }

    /** The number of shots of the coarse maps (cheap next to {@link #shots()}), for profiling. */
    public long coarseShots() {
        return coarse == null ? 0 : coarse.shots();
    }

    /** The number of coarse-phase continuations along a path of least energy ({@link CoarsePhase}), for profiling. */
    public long pathContinuations() {
        return phase == null ? 0 : phase.paths();
    }

    /** The number of coarse Newton matrices ({@link Options#jacobianSteps()}) this object has computed, for profiling. */
    public long coarseJacobians() {
        return coarse == null ? 0 : coarse.count();
    }

    /**
     * Solves exp_x(v) = y for v: Newton from the straight-line guess; if that fails, continuation
     * along the coordinate segment from x to y (targets x + s(y − x) for s = 1/2^k ... 1, each
     * solve warm-started from the previous one), which keeps every intermediate problem close to a
     * solved one.
     *
     * @param v on return the logarithm when converged, else the best iterate (overwritten)
     */
    public LogResult log(double[] x, double[] y, double[] theta, double[] v) {
        return log(x, y, theta, v, false);
    }

    /**
     * As {@link #log(double[], double[], double[], double[])}, optionally warm-started: with
     * {@code warm}, Newton starts from the incoming value of {@code v} (typically the logarithm of
     * a nearby pair, e.g. the same pair before an optimiser step), and only if that fails (or v is
     * not finite) from the straight line and then by continuation. A converged warm start meets
     * the same tolerance as a cold one, so both give the same logarithm up to it.
     *
     * @param v    read as the first guess when {@code warm}; on return the logarithm when
     *             converged, else the best iterate (overwritten)
     * @param warm whether to start from the incoming {@code v}
     */
    public LogResult log(double[] x, double[] y, double[] theta, double[] v, boolean warm) {
        return log(x, y, theta, v, null, warm);
    }

    /**
     * As {@link #log(double[], double[], double[], double[], boolean)}, also carrying the Jacobian
     * ∂exp_x/∂v from one solve to the next: with {@code warm} and
     * {@link Options#jacobianUpdates()}, {@code jac} is read as the first approximation of the
     * Jacobian at the incoming v (from the previous solve of a nearby pair), which saves the d
     * adjoint passes of an exact one.
     *
     * @param jac null, or length d² (row-major): read as described; on convergence overwritten with
     *            the last Jacobian the iteration used (exact or updated), for the next warm start
     * @throws geo.runtime.api.DomainException if x or y is outside the model's domain
     */
    public LogResult log(double[] x, double[] y, double[] theta, double[] v, double[] jac, boolean warm) {
        // Points outside the chart are the caller's mistake, reported before any shot.
        geodesics.domain().require("the start point x", x);
        geodesics.domain().require("the end point y", y);
        int total = 0;
        convergedFromWarmStart = false;
        if (warm && finite(v)) {
            boolean reuse = jac != null && options.jacobianUpdates() && finite(jac);
            if (reuse) {
                System.arraycopy(jac, 0, jacobian, 0, d * d);
            }
            LogResult r = newton(x, y, theta, v, reuse);
            if (r.converged()) {
                convergedFromWarmStart = true;
                return keepJacobian(r, jac);
            }
            total = r.iterations();
        }
        LogResult direct = null;
        if (phase != null) {
            // Nested iteration: the coarse map's logarithm first (cheap shots), then the
            // adaptive map's from there with the coarse phase's last matrix.
            for (int i = 0; i < d; i++) {
                v[i] = y[i] - x[i];
            }
            int level = phase.solve(x, y, theta, v, u -> shoot(x, y, theta, u, residual));
            if (level >= 0) {
                pendingShot = phase.pendingShot();
                if (phase.hasMatrix()) {
                    System.arraycopy(phase.matrix(), 0, jacobian, 0, d * d);
                }
                direct = newton(x, y, theta, v, phase.hasMatrix(), level);
                total += direct.iterations();
            }
        }
        if (direct == null || !direct.converged()) {
            for (int i = 0; i < d; i++) {
                v[i] = y[i] - x[i];
            }
            direct = newton(x, y, theta, v, false);
            total += direct.iterations();
        }
        if (direct.converged()) {
            return keepJacobian(total == direct.iterations() ? direct
                    : new LogResult(LogStatus.CONVERGED, total, direct.residual(), "after a failed warm start"), jac);
        }
        for (int levels = 1; levels <= CONTINUATION_LEVELS; levels++) {
            int pieces = 1 << levels;
            for (int i = 0; i < d; i++) {
                v[i] = (y[i] - x[i]) / pieces;
            }
            LogResult r = null;
            for (int k = 1; k <= pieces; k++) {
                double s = (double) k / pieces;
                for (int i = 0; i < d; i++) {
                    target[i] = x[i] + s * (y[i] - x[i]);
                }
                r = newton(x, target, theta, v, false);
                total += r.iterations();
                if (!r.converged()) {
                    break;
                }
                if (k < pieces) {
                    for (int i = 0; i < d; i++) {
                        v[i] *= (k + 1.0) / k;
                    }
                }
            }
            if (r.converged()) {
                return keepJacobian(new LogResult(LogStatus.CONVERGED, total, r.residual(),
                        "by continuation in " + pieces + " steps"), jac);
            }
        }
        for (int i = 0; i < d; i++) {
            v[i] = y[i] - x[i];
        }
        LogResult last = newton(x, y, theta, v, false);
        return keepJacobian(new LogResult(last.status(), total + last.iterations(), last.residual(), last.detail()),
                jac);
    }

    /**
     * If r converged and {@code jac} is non-null, copies the iteration's Jacobian into it, or NaN
     * when the solve needed none (so that the next warm start computes an exact one); returns r.
     */
    private LogResult keepJacobian(LogResult r, double[] jac) {
        if (jac != null && r.converged()) {
            if (jacobianValid) {
                System.arraycopy(jacobian, 0, jac, 0, d * d);
            } else {
                Arrays.fill(jac, Double.NaN);
            }
        }
        return r;
    }

    /**
     * Damped Newton from the guess in {@code v} (overwritten with the best iterate); with
     * {@code haveJacobian}, the field {@code jacobian} already holds an approximation at v.
     */
    private LogResult newton(double[] x, double[] y, double[] theta, double[] v, boolean haveJacobian) {
        return newton(x, y, theta, v, haveJacobian, 0);
    }

    /**
     * As {@link #newton(double[], double[], double[], double[], boolean)}, coarse matrices
     * starting at {@code startLevel} (a {@link CoarseJacobians} level); with a
     * {@link #pendingShot}, the tape and the residual already hold the shot at v.
     */
    private LogResult newton(double[] x, double[] y, double[] theta, double[] v, boolean haveJacobian,
                             int startLevel) {
        jacobianValid = haveJacobian;
        double r = pendingShot;
        pendingShot = Double.NaN;
        for (int halving = 0; halving <= options.maxHalvings() && Double.isNaN(r); halving++) {
            r = shoot(x, y, theta, v, residual);
            if (!Double.isNaN(r)) {
                break;
            }
            // A halved guess is another point: a Jacobian supplied for v no longer applies.
            haveJacobian = false;
            jacobianValid = false;
            for (int i = 0; i < d; i++) {
                v[i] *= 0.5;
            }
        }
        if (Double.isNaN(r)) {
            return new LogResult(LogStatus.NO_PROGRESS, 0, Double.POSITIVE_INFINITY,
                    "no initial shot along y - x integrates");
        }
        boolean exact = false;
        // Coarse Newton matrices, refined after slow steps; exact Jacobians when that fails.
        boolean useCoarse = coarse != null;
        int level = startLevel;
        int slowCoarse = 0;
        for (int iteration = 0; iteration < options.maxIterations(); iteration++) {
            if (r <= options.tolerance()) {
                return new LogResult(LogStatus.CONVERGED, iteration, r, "");
            }
            // The tape and the residual hold the shot at v: the first one, or the accepted trial.
            boolean coarseStep = false;
            // A coarse matrix is Broyden-updated between fresh ones, as the updates option does for exact ones.
            boolean fresh = !haveJacobian || !(options.jacobianUpdates() || useCoarse);
            if (fresh) {
                coarseStep = useCoarse && coarse.fill(level, x, v, theta, jacobian);
                if (!coarseStep) {
                    useCoarse = false;
                    jacobian();
                }
                exact = !coarseStep;
                jacobianValid = true;
            }
            boolean updatedCoarse = !fresh && useCoarse;
            System.arraycopy(jacobian, 0, factored, 0, d * d);
            for (int i = 0; i < d; i++) {
                step[i] = -residual[i];
            }
            boolean solved = Dense.solve(factored, step, d);
            // A carried or updated matrix gets a short line search: when its direction needs more halvings than
            // that, a fresh matrix is cheaper than the remaining shots (each failed halving is a whole shot).
            double alpha = solved ? damp(x, y, theta, v, r, fresh ? options.maxHalvings()
                    : Math.min(options.maxHalvings(), NewtonPolicy.STALE_HALVINGS)) : 0;
            boolean slow = alpha == 0 || !(CoarsePhase.norm(trialResidual, d) <= NewtonPolicy.SLOW_PROGRESS * r);
            if (updatedCoarse) {
                // An updated coarse matrix that stops converging is replaced by a fresh one at the
                // same level (a failed step by the branch for stale matrices below); only fresh
                // matrices' slow steps count towards refinement.
                haveJacobian = alpha != 0 && CoarsePhase.norm(trialResidual, d) <= NewtonPolicy.UPDATED_PROGRESS * r;
            } else if (coarseStep && slow) {
                if ((alpha == 1 || alpha < NewtonPolicy.REFINE_BELOW) && level < NewtonPolicy.COARSE_REFINEMENTS) {
                    // A full step, or one damped hard, that made little progress: the matrix is
                    // too coarse, so a finer one from the next step on. A step halved once or
                    // twice is the map's curvature far from the solution (exact Newton's steps
                    // are damped there too), which a finer matrix does not cure.
                    level++;
                } else if (alpha == 0 || ++slowCoarse > NewtonPolicy.SLOW_COARSE) {
                    // The finest coarse matrix is singular, found no descent, or keeps making
                    // little progress: from now on exact Jacobians.
                    useCoarse = false;
                }
            }
            if (coarseStep && alpha == 0) {
                // A failed coarse step is retried with a finer or the exact matrix (the trials
                // moved the tape, which the next matrix needs at v).
                if (solved) {
                    shoot(x, y, theta, v, residual);
                }
                continue;
            }
            if (alpha == 0 && !exact) {
                // A stale Jacobian may be singular or point uphill where the exact one does not;
                // the trials moved the tape, which the exact Jacobian needs at v.
                haveJacobian = false;
                if (solved) {
                    shoot(x, y, theta, v, residual);
                }
                continue;
            }
            if (!solved) {
                return new LogResult(LogStatus.SINGULAR_JACOBIAN, iteration, r, "the exponential map is singular here");
            }
            if (alpha == 0) {
                return new LogResult(LogStatus.NO_PROGRESS, iteration, r, "no damped Newton step reduced the residual");
            }
            double rt = CoarsePhase.norm(trialResidual, d);
            if (options.jacobianUpdates() || ((coarseStep || updatedCoarse) && useCoarse)) {
                broyden(alpha);
                haveJacobian = rt <= (options.jacobianUpdates() ? NewtonPolicy.SLOW_PROGRESS : NewtonPolicy.UPDATED_PROGRESS) * r;
                exact = false;
            } else {
                haveJacobian = false;
            }
            System.arraycopy(trial, 0, v, 0, d);
            System.arraycopy(trialResidual, 0, residual, 0, d);
            r = rt;
        }
        return r <= options.tolerance() ? new LogResult(LogStatus.CONVERGED, options.maxIterations(), r, "")
                : new LogResult(LogStatus.MAX_ITERATIONS, options.maxIterations(), r, "");
    }

    /**
     * Backtracking along {@code step} from v: the first α = 1, ½, ¼, … whose shot reduces the
     * residual r sufficiently, left in {@code trial} and {@code trialResidual} (and on the tape);
     * 0 when none of the first {@code halvings} + 1 does.
     */
    private double damp(double[] x, double[] y, double[] theta, double[] v, double r, int halvings) {
        double alpha = 1;
        for (int halving = 0; halving <= halvings; halving++, alpha *= 0.5) {
            for (int i = 0; i < d; i++) {
                trial[i] = v[i] + alpha * step[i];
            }
            double rt = shoot(x, y, theta, trial, trialResidual);
            if (!Double.isNaN(rt) && rt < (1 - 1e-4 * alpha) * r) {
                return alpha;
            }
        }
        return 0;
    }

    /** Broyden's update of {@code jacobian} for the accepted step s = α·step, ΔF = trialResidual − residual. */
    private void broyden(double alpha) {
        CoarsePhase.broyden(jacobian, step, alpha, trialResidual, residual, d);
    }


    /**
     * Records exp_x(v) on the tape and writes F = exp_x(v) − y; returns ‖F‖ (Euclidean), or NaN
     * when the shot does not integrate (it left the domain, blew up, ...).
     */
    private double shoot(double[] x, double[] y, double[] theta, double[] v, double[] f) {
        shots++;
        try {
            geodesics.forward(x, v, theta, tape);
        } catch (IntegrationException | ArithmeticException e) {
            // A shot that leaves the domain, blows up, or meets a degenerate metric is a failed
            // trial: the damping and the continuation try shorter ones.
            return Double.NaN;
        }
        tape.endPoint(end);
        return CoarsePhase.residual(end, y, f, d);
    }


    private static boolean finite(double[] a) {
        for (double ai : a) {
            if (!Double.isFinite(ai)) {
                return false;
            }
        }
        return true;
    }

    /** J[i][k] = ∂exp_x(v)_i/∂v_k: row i is the v-gradient of the i-th end coordinate. */
    private void jacobian() {
        exactJacobians++;
        if (forwardJacobian) {
            tape.positionJacobian(jacobian);
            return;
        }
        for (int i = 0; i < d; i++) {
            Arrays.fill(unit, 0);
            unit[i] = 1;
            tape.backward(unit, null, xBar, vBar, null);
            System.arraycopy(vBar, 0, jacobian, i * d, d);
        }
    }

    /** The Jacobian of the last converged or attempted shot, row-major (valid after {@link #log}). */
    void lastJacobian(double[] out) {
        jacobian();
        System.arraycopy(jacobian, 0, out, 0, d * d);
    }

    /** Path-energy guesses for pairs the coarse phase does not solve from the straight line (the certifier's). */
    void pathGuesses(PathSearch search) {
        if (phase != null) {
            phase.pathGuesses(search);
        }
    }

    /** The tape of the last shot. */
    ExpTape tape() {
        return tape;
    }

    /**
     * Damped Newton from the guess in v only (no straight-line restart, no continuation): for
     * guesses from elsewhere, such as {@link PathSearch}.
     */
    LogResult newtonFrom(double[] x, double[] y, double[] theta, double[] v) {
        return newton(x, y, theta, v, false);
    }

    /** Whether the last {@link #log} converged from the warm start it was given. */
    boolean convergedFromWarmStart() {
        return convergedFromWarmStart;
    }

    /** The options of this solver. */
    public Options options() {
        return options;
    }

    /**
     * Records exp_x(v) on the tape again (for a candidate that was solved before the last shot),
     * so that {@link #tape()} and {@link #lastJacobian} are those of v.
     */
    void record(double[] x, double[] v, double[] theta) {
        geodesics.forward(x, v, theta, tape);
    }
}
