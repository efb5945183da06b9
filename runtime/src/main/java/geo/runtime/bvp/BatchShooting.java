package geo.runtime.bvp;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.BatchStepKernels;
import geo.runtime.geodesic.BatchExp;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.linalg.Dense;

/**
 * log_{x_b}(y_b) for a batch of n pairs at once by damped Newton shooting, every shot of every
 * pair in one call of {@link BatchExp} per round: solve F_b(v) = exp_{x_b}(v) − y_b = 0 from the
 * straight line v = y_b − x_b (or a warm start). One round evaluates, for each unfinished pair, the
 * exponential map at its candidate c and at c + h_k e_k for k &lt; d, (1 + d) points per pair;
 * Newton's matrix is the forward difference J e_k ≈ (exp(c + h_k e_k) − exp(c)) / h_k with
 * h_k ≈ 1e-7·max(1, ‖c‖_∞) (Kelley, <i>Iterative Methods for Linear and Nonlinear Equations</i>,
 * SIAM 1995, §5.4.4: Newton with difference Jacobians converges as Newton's method up to the
 * difference error, here about 1e-7 relative, which only slows the last contraction). A candidate
 * is accepted when ‖F(c)‖ &lt; (1 − 10⁻⁴ α)‖F(v)‖, as in {@link Shooting}; else the step is halved
 * and the next round tries v + α s. The differences at the candidate are evaluated in the same
 * round as the candidate itself, so an accepted step already has the next Newton matrix: one
 * round per Newton step.
 *
 * <p>Every shot is {@link BatchExp}'s, which gives each pair the bits of
 * {@code Geodesics.exp} with the same RK4 method, so the convergence test
 * ‖exp_x(v) − y‖ ≤ {@link Shooting.Options#tolerance()} is the per-pair solver's test on the same
 * computed map. What this does not do: continuation, exact Jacobians, certification. A pair it does
 * not converge (a shot that does not integrate, a singular difference matrix, no descent, the
 * iteration limit) is left to the per-pair {@link Shooting}, whose status is then the one
 * reported ({@link BatchDistances}). Not thread-safe (one per thread).
 */
public final class BatchShooting {

    /** The relative forward-difference step of Newton's matrix. */
    static final double DIFFERENCE_STEP = 1e-7;

    /**
     * The most pairs in one round: (1 + d)·{@value} points per batched exp; with Broyden updates
     * ({@link #logUpdating}, one point a pair) (1 + d)·{@value} pairs, so that the rounds are as wide. A pair that finishes
     * is replaced by the next waiting one, so rounds stay full (a pair's numbers do not depend on
     * which pairs share its rounds: each lane of the batch step computes its own point's bits).
     */
    public static final int WIDTH = 64;

    private final BatchExp exp;
    private final Shooting.Options options;
    private final int d;
    private final int per;
    /** Points per pair in this call's rounds: {@link #per}, or 1 with Broyden updates. */
    private int points;
    /** Whether this call updates each pair's own Newton matrix by Broyden's formula ({@link #logUpdating}). */
    private boolean updating;
    private final int width;
    private long rounds;
    private long shots;
    // Scratch, grown on demand: SoA arrays of (1 + d)·n points, per-pair state.
    private double[] xs = new double[0];
    private double[] vs = new double[0];
    private double[] ends = new double[0];
    private double[] f = new double[0];
    private double[] step = new double[0];
    private double[] cand = new double[0];
    private double[] current = new double[0];
    private double[] residual = new double[0];
    private double[] alpha = new double[0];
    private int[] halvings = new int[0];
    private int[] iterations = new int[0];
    private boolean[] trial = new boolean[0];
    private int[] active = new int[0];
    /** With {@link #updating}: each pair's Newton matrix (d² a pair, row-major), and scratch for Broyden's formula. */
    private double[] jacs = new double[0];
    private final double[] fOld;
    private final double[] stepB;
    private final double[] jac;
    private final double[] rhs;
    private final double[] ft;

    /**
     * @param kernels the model's kernels; batched only when {@link #supports} holds, else every shot
     *                is one point at a time (same results)
     * @param method  RK4 (a fixed-step method: the batch kernels have no adaptive step)
     * @param options the tolerance, iteration and halving limits (the rest is the per-pair solver's)
     */
    public BatchShooting(AccelerationKernels kernels, GeodesicMethod method, Shooting.Options options) {
        if (method.adaptive()) {
            throw new IllegalArgumentException("batched shooting needs a fixed-step method (RK4), got " + method);
        }
        this.exp = new BatchExp(kernels, method);
        this.options = options;
        this.d = kernels.descriptor().dimension();
        this.per = 1 + d;
        this.width = WIDTH;
        jac = new double[d * d];
        rhs = new double[d];
        ft = new double[d];
        fOld = new double[d];
        stepB = new double[d];
    }

    /**
     * Whether {@code kernels} batch the exponential map ({@link BatchExp#batches}): a batch RK4 step
     * ({@link BatchStepKernels}) or, for the models too large for one, a batch acceleration.
     */
    public static boolean supports(AccelerationKernels kernels) {
        return BatchExp.batches(kernels);
    }

    /** Rounds (calls of the batched exp) so far, for profiling. */
    public long rounds() {
        return rounds;
    }

    /** Points integrated so far (all rounds, shots and differences), for profiling. */
    public long shots() {
        return shots;
    }

    /**
     * Solves exp_{x_b}(v_b) = y_b for every b &lt; n.
     *
     * @param x    start points, coordinate i of pair b at i·n + b (read)
     * @param y    targets, same layout (read)
     * @param v    same layout: read as the first guesses when {@code warm} (a non-finite guess
     *             starts from the straight line), else set to y − x; on return the logarithms of
     *             the converged pairs, the best iterates of the others (overwritten)
     * @param warm whether to start from the incoming v
     * @return each pair's outcome: CONVERGED with its Newton steps and residual, or why not
     */
    public LogResult[] log(int n, double[] x, double[] y, double[] theta, double[] v, boolean warm) {
        updating = false;
        points = per;
        return solve(n, x, y, theta, v, warm);
    }

    /**
     * Warm solves with each pair's own Newton matrix, updated by Broyden's formula
     * J ← J + (ΔF − J s) sᵀ/(sᵀ s) after each accepted step s, as {@link Shooting} does with
     * {@link Shooting.Options#jacobianUpdates()}: one shot a pair a round (the candidate), no
     * difference points. A pair is handed back unconverged (status {@link LogStatus#NO_PROGRESS},
     * its best iterate in v and its matrix in jac) where the per-pair solver would leave this
     * iteration: its first shot does not integrate, an accepted step leaves more than
     * {@link NewtonPolicy#SLOW_PROGRESS} of the residual (the per-pair solver takes an exact
     * Jacobian then), no damped step descends, or the matrix is singular; the caller finishes such
     * a pair with the per-pair solver from there (the matrix is NaN where the per-pair solver would
     * take an exact Jacobian next, so that its iteration goes on as it would have alone).
     *
     * @param v   the warm starts, layout as in {@link #log} (read; overwritten by the iterates)
     * @param jac each pair's Newton matrix at its warm start, pair b's at b·d² (row-major; read,
     *            overwritten by the updated matrices)
     */
    public LogResult[] logUpdating(int n, double[] x, double[] y, double[] theta, double[] v, double[] jac) {
        updating = true;
        points = 1;
        if (jacs.length < n * d * d) {
            jacs = new double[n * d * d];
        }
        System.arraycopy(jac, 0, jacs, 0, n * d * d);
        LogResult[] out = solve(n, x, y, theta, v, true);
        System.arraycopy(jacs, 0, jac, 0, n * d * d);
        return out;
    }

    private LogResult[] solve(int n, double[] x, double[] y, double[] theta, double[] v, boolean warm) {
        ensure(n);
        LogResult[] out = new LogResult[n];
        int count = 0;
        int next = 0;
        while (count > 0 || next < n) {
            // Finished pairs are replaced by waiting ones, so that every round is a full batch.
            // Rounds of at most WIDTH·(1 + d) points: WIDTH pairs with their differences, or as many
            // more pairs with Broyden updates (one point each), so that the batch stays as wide.
            for (; count < width * per / points && next < n; next++) {
                start(next, n, x, y, v, warm);
                active[count++] = next;
            }
            round(count, n, x, theta);
            int kept = 0;
            for (int s = 0; s < count; s++) {
                int b = active[s];
                LogResult r = advance(s, count, b, n, y);
                if (r == null) {
                    active[kept++] = b;
                } else {
                    out[b] = r;
                }
            }
            count = kept;
        }
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < d; i++) {
                // The current iterate: the last accepted one (or the last halved first guess).
                v[i * n + b] = current[b * d + i];
            }
        }
        return out;
    }

    /** Pair b's first candidate: its warm start when asked for and finite, else y − x. */
    private void start(int b, int n, double[] x, double[] y, double[] v, boolean warm) {
        boolean ok = warm;
        for (int i = 0; i < d && ok; i++) {
            ok = Double.isFinite(v[i * n + b]);
        }
        for (int i = 0; i < d; i++) {
            cand[b * d + i] = ok ? v[i * n + b] : y[i * n + b] - x[i * n + b];
        }
        trial[b] = false;
        halvings[b] = 0;
        iterations[b] = 0;
    }

    /** One batched exp: for the s-th active pair, its candidate and the d difference points. */
    private void round(int count, int n, double[] x, double[] theta) {
        int m = count * points;
        for (int s = 0; s < count; s++) {
            int b = active[s];
            double scale = 1;
            for (int i = 0; i < d; i++) {
                scale = Math.max(scale, Math.abs(cand[b * d + i]));
            }
            for (int q = 0; q < points; q++) {
                int point = s * points + q;
                for (int i = 0; i < d; i++) {
                    xs[i * m + point] = x[i * n + b];
                    vs[i * m + point] = cand[b * d + i];
                }
                if (q > 0) {
                    int k = q - 1;
                    double c = cand[b * d + k];
                    // The quotient divides by (c + h) − c, the step actually taken in binary.
                    vs[k * m + point] = c + DIFFERENCE_STEP * scale;
                }
            }
        }
        BatchExp.Result r = exp.tryExp(m, xs, vs, theta, ends, null);
        for (BatchExp.Failure failure : r.failures()) {
            for (int i = 0; i < d; i++) {
                ends[i * m + failure.point()] = Double.NaN;
            }
        }
        rounds++;
        shots += m;
    }

    /**
     * Takes the round's results for the s-th active pair b: accepts or rejects its candidate and
     * sets the next one; the pair's final result when it is done, else null.
     */
    private LogResult advance(int s, int count, int b, int n, double[] y) {
        int m = count * points;
        int base = s * points;
        double sum = 0;
        for (int i = 0; i < d; i++) {
            ft[i] = ends[i * m + base] - y[i * n + b];
            sum += ft[i] * ft[i];
        }
        double rt = Math.sqrt(sum);
        boolean integrated = Double.isFinite(rt);
        if (!trial[b]) {
            if (updating && !integrated) {
                copy(cand, b, current);
                residual[b] = Double.POSITIVE_INFINITY;
                return handOver(b, "the warm start does not integrate", true);
            }
            // The first shot: halve the guess until it integrates, as the per-pair solver does.
            if (!integrated) {
                copy(cand, b, current);
                if (++halvings[b] > options.maxHalvings()) {
                    return new LogResult(LogStatus.NO_PROGRESS, 0, Double.POSITIVE_INFINITY,
                            "no initial shot along y - x integrates");
                }
                for (int i = 0; i < d; i++) {
                    cand[b * d + i] *= 0.5;
                }
                return null;
            }
            accept(b, rt);
            return converged(b) ? result(b) : updating ? updatedStep(b) : newStep(b, base, m);
        }
        double r = residual[b];
        if (integrated && rt < (1 - 1e-4 * alpha[b]) * r) {
            if (updating) {
                System.arraycopy(f, b * d, fOld, 0, d);
            }
            accept(b, rt);
            iterations[b]++;
            if (updating) {
                System.arraycopy(step, b * d, stepB, 0, d);
                System.arraycopy(jacs, b * d * d, jac, 0, d * d);
                CoarsePhase.broyden(jac, stepB, alpha[b], ft, fOld, d);
                System.arraycopy(jac, 0, jacs, b * d * d, d * d);
            }
            if (converged(b) || iterations[b] >= options.maxIterations()) {
                return result(b);
            }
            if (updating) {
                return rt <= NewtonPolicy.SLOW_PROGRESS * r ? updatedStep(b)
                        : handOver(b, "slow progress: the per-pair solver takes an exact Jacobian", false);
            }
            return newStep(b, base, m);
        }
        if (++halvings[b] > options.maxHalvings()) {
            if (updating) {
                return handOver(b, "no damped step with the updated matrix reduced the residual", false);
            }
            return new LogResult(LogStatus.NO_PROGRESS, iterations[b], r, "no damped Newton step reduced the residual");
        }
        alpha[b] *= 0.5;
        for (int i = 0; i < d; i++) {
            cand[b * d + i] = current[b * d + i] + alpha[b] * step[b * d + i];
        }
        return null;
    }

    /**
     * A pair left to the per-pair solver ({@link #logUpdating}): its best iterate stays in
     * {@code current}; its matrix is kept when the per-pair solver would go on with it, else set
     * to NaN, so that the per-pair solver starts with an exact Jacobian as it would have here.
     */
    private LogResult handOver(int b, String why, boolean keepMatrix) {
        if (!keepMatrix) {
            java.util.Arrays.fill(jacs, b * d * d, (b + 1) * d * d, Double.NaN);
        }
        return new LogResult(LogStatus.NO_PROGRESS, iterations[b], residual[b], why);
    }

    /** With Broyden updates: the next candidate v + s with J_b s = −F from the pair's own matrix. */
    private LogResult updatedStep(int b) {
        System.arraycopy(jacs, b * d * d, jac, 0, d * d);
        for (int i = 0; i < d; i++) {
            rhs[i] = -f[b * d + i];
        }
        if (!Dense.solve(jac, rhs, d)) {
            return handOver(b, "the updated matrix is singular", false);
        }
        return takeStep(b);
    }

    /** Pair b's next candidate v + s, the step s in {@code rhs}, tried with α = 1. */
    private LogResult takeStep(int b) {
        System.arraycopy(rhs, 0, step, b * d, d);
        for (int i = 0; i < d; i++) {
            cand[b * d + i] = current[b * d + i] + rhs[i];
        }
        alpha[b] = 1;
        halvings[b] = 0;
        trial[b] = true;
        return null;
    }

    private void accept(int b, double rt) {
        copy(cand, b, current);
        System.arraycopy(ft, 0, f, b * d, d);
        residual[b] = rt;
    }

    private boolean converged(int b) {
        return residual[b] <= options.tolerance();
    }

    private LogResult result(int b) {
        return converged(b) ? new LogResult(LogStatus.CONVERGED, iterations[b], residual[b], "")
                : new LogResult(LogStatus.MAX_ITERATIONS, iterations[b], residual[b], "");
    }

    /**
     * Newton's step at the accepted candidate from the difference points of this round: the
     * next candidate v + s with J s = −F; a result when the differences failed or J is singular.
     */
    private LogResult newStep(int b, int base, int m) {
        for (int k = 0; k < d; k++) {
            double hk = vs[k * m + base + 1 + k] - current[b * d + k];
            for (int i = 0; i < d; i++) {
                double e = ends[i * m + base + 1 + k];
                jac[i * d + k] = (e - ends[i * m + base]) / hk;
            }
        }
        for (double a : jac) {
            if (!Double.isFinite(a)) {
                return new LogResult(LogStatus.NO_PROGRESS, iterations[b], residual[b],
                        "a difference shot of Newton's matrix did not integrate");
            }
        }
        for (int i = 0; i < d; i++) {
            rhs[i] = -f[b * d + i];
        }
        if (!Dense.solve(jac, rhs, d)) {
            return new LogResult(LogStatus.SINGULAR_JACOBIAN, iterations[b], residual[b],
                    "the difference Jacobian of the exponential map is singular here");
        }
        return takeStep(b);
    }

    private void copy(double[] from, int b, double[] to) {
        System.arraycopy(from, b * d, to, b * d, d);
    }

    private void ensure(int n) {
        if (trial.length < n) {
            f = new double[n * d];
            step = new double[n * d];
            cand = new double[n * d];
            current = new double[n * d];
            residual = new double[n];
            alpha = new double[n];
            halvings = new int[n];
            iterations = new int[n];
            trial = new boolean[n];
            active = new int[Math.min(n, width * per)];
        }
        int points = Math.min(n, width) * per * d;
        if (xs.length < points) {
            xs = new double[points];
            vs = new double[points];
            ends = new double[points];
        }
    }
}
