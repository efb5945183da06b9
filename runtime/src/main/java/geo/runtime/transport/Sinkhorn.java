package geo.runtime.transport;

import geo.runtime.parallel.WorkerPool;
import java.util.Arrays;

/**
 * Entropic optimal transport by log-domain Sinkhorn iterations with ε-scaling.
 *
 * <p>The problem: OT_ε(a, b) = min ⟨π, C⟩ + ε KL(π | a⊗b) over π ≥ 0 with π1 = a, πᵀ1 = b,
 * whose solution is π_ij = a_i b_j exp((f_i + g_j − C_ij)/ε) for the potentials (f, g) that
 * maximise the dual (see {@link SinkhornResult}). Each iteration is one block-coordinate ascent
 * step on the dual, an f-update and then a g-update, as soft-min (log-sum-exp) reductions:
 * <pre>
 *   f_i ← −ε log Σ_j b_j exp((g_j − C_ij)/ε),     g_j ← −ε log Σ_i a_i exp((f_i − C_ij)/ε),
 * </pre>
 * never forming exp(−C/ε) itself: each sum is shifted so that its largest term is about 1
 * ({@link LogSumExp}), so ε can go down to 10⁻⁴ of the cost scale and below without overflow or
 * underflow (Peyré &amp; Cuturi, <i>Computational Optimal Transport</i>, §4.4, "log-domain
 * computations"; Schmitzer, "Stabilized sparse scaling algorithms for entropy regularized
 * transport problems", SIAM J. Sci. Comput. 41, 2019). Zero weights enter as log 0 = −∞ and drop
 * out of every sum; their potentials stay defined.
 *
 * <p>ε-scaling: the iteration starts at ε₀ = max|C| and multiplies ε by the scaling factor, each
 * stage iterating until the marginal error ‖π1 − a‖₁ + ‖πᵀ1 − b‖₁ is below
 * 10⁻⁴ of the mass, then iterates at the target ε until the error is at most
 * the tolerance. After a g-update the column sums are exact, and the row sums of the current
 * iterate are a_i exp((f_i − f̃_i)/ε) with f̃ the next f-update, so the error is known at no
 * extra cost; the returned plan's error is then computed again from π itself, and CONVERGED
 * means that recomputed error is within the tolerance.
 *
 * <p>Over-relaxation: after 20 plain iterations at a
 * stage the rate λ of the error is measured and the updates become f ← f + ω(f̃ − f) (and
 * likewise g) with ω = 2/(1 + √(1 − λ)) (see {@code overRelaxation}); a plain iteration checks
 * the error whenever it looks met, and ω falls back towards 1 if the error grows. Sinkhorn has no
 * good bound on its iteration count: on small clouds at small ε, mass left on the wrong side of a
 * weak link can move like 1/k; the result is then ITERATION_LIMIT, never a silent wrong answer.
 *
 * <p>A symmetric problem (a = b and C = Cᵀ, as in the terms OT_ε(α, α) of
 * {@link SinkhornDivergence}) has f = g and is solved by the symmetric iteration
 * f ← ½(f + T(f)), T(f)_i = −ε log Σ_j a_j exp((f_j − C_ij)/ε) (Feydy, Séjourné, Vialard, Amari,
 * Trouvé &amp; Peyré, AISTATS 2019, §3.1), with the same ε-scaling: it converges in a few
 * iterations where the alternating updates oscillate and creep on this problem (the linearised T
 * has eigenvalues near −1 on weakly coupled groups of points, which averaging damps).
 *
 * <p>The row and column updates run on {@link WorkerPool} workers in blocks of columns; each
 * potential is computed from its own row or column in a fixed order, and every sum over the plan
 * is reduced in row order, so the results are the same bits for any thread count.
 *
 * <p>Both updates stream contiguous memory: the g-update down the columns of C, row by row,
 * elementwise; the f-update along its rows, or, when some target weight is 0, down the columns of
 * a transposed copy of C (n·m more doubles), which skips those weights exactly. The plan lists
 * every entry that does not underflow (up to n·m entries).
 */
public final class Sinkhorn {

    /** Rows per chunk of the final pass that forms π. */
    private static final int ROWS = 32;

    /** Plain iterations at the final ε before the first estimate of their convergence rate. */
    private static final int RATE_BURN_IN = 10;

    /** Iterations over which the rate is measured. */
    private static final int RATE_WINDOW = 10;

    /** The largest over-relaxation factor (ω &lt; 2 is needed for local convergence). */
    private static final double MAX_OMEGA = 1.9;

    /**
     * The marginal error, relative to the mass, at which an ε-scaling stage ends (or the
     * tolerance, if larger). Mass that is on the wrong side of a weak link when ε shrinks can take
     * very long to move (the iteration then converges like 1/k, not linearly), so each stage
     * settles the marginals before the next; 10⁻⁴ was the best of 10⁻², 10⁻⁴ and 10⁻⁶ on small
     * clouds at ε = 10⁻³ and 10⁻⁴ of the cost scale.
     */
    static final double STAGE_TOLERANCE = 1e-4;

    private Sinkhorn() {
    }

    /**
     * Solves OT_ε(a, b) for the cost matrix C.
     *
     * @param c the n × m cost matrix
     * @param a the n source weights: finite, ≥ 0, not all 0
     * @param b the m target weights: finite, ≥ 0, the same total mass as a (to 10⁻¹² relative)
     * @param o ε (absolute or relative to max|C|), tolerance, iteration limit, ε-scaling, threads
     * @return the plan, potentials, costs and status; FAILED when a non-finite value appeared
     * @throws IllegalArgumentException when the weights are invalid (the message says which and why)
     */
    public static SinkhornResult solve(CostMatrix c, double[] a, double[] b, SinkhornOptions o) {
        Weights.check(a, b, c.rows(), c.cols());
        return solve(new CostRows.Stored(c), a, b, o);
    }

    /**
     * Solves OT_ε(a, b) between point clouds for the cost c(x, y) = s·|x − y|², computing the
     * rows of C on the fly ({@link CostRows.Points}) instead of storing them: O((n + m)·d) memory
     * for the cost and d multiply-adds per entry instead of a read of the stored matrix. Every
     * iterate, potential and plan entry is the same, bit for bit, as {@link #solve(CostMatrix,
     * double[], double[], SinkhornOptions)} with {@code cost.matrix(x, y)}.
     *
     * @param x    the n source points (each of dimension d ≥ 1)
     * @param y    the m target points (dimension d)
     * @param cost the squared Euclidean cost s·|x − y|²
     * @throws IllegalArgumentException when a cloud is empty, the dimensions differ, a coordinate is
     *                                  not finite, or the weights are invalid
     */
    public static SinkhornResult solve(double[][] x, double[][] y, PointCost.SquaredEuclidean cost, double[] a,
                                       double[] b, SinkhornOptions o) {
        CostRows.Points rows = CostRows.Points.of(x, y, cost.scale());
        Weights.check(a, b, x.length, y.length);
        return solve(rows, a, b, o);
    }

    private static SinkhornResult solve(CostRows c, double[] a, double[] b, SinkhornOptions o) {
        double scale = c.maxAbs();
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("a cost is " + scale + "; costs must be finite (coordinates too large?)");
        }
        double eps = o.absoluteEpsilon(scale);
        boolean symmetric = Arrays.equals(a, b) && c.symmetric();
        try (WorkerPool<LogSumExp.Scratch> pool = new WorkerPool<>(o.threads(),
                i -> new LogSumExp.Scratch(Math.max(c.rows(), c.cols())), "Sinkhorn updates")) {
            Solver solver = new Solver(c, a, b, o, pool, symmetric);
            return symmetric ? solver.runSymmetric(eps, scale > 0 ? scale : 1) : solver.run(eps, scale > 0 ? scale : 1);
        }
    }

    /** One solve's arrays. */
    private static final class Solver {
        private final int n;
        private final int m;
        private final CostRows c;
        private final CostRows ct;
        private final double[] a;
        private final double[] b;
        private final double[] la;
        private final double[] lb;
        private final SinkhornOptions o;
        private final WorkerPool<LogSumExp.Scratch> pool;
        private double[] f;
        private double[] fNext;
        private final double[] g;
        private final double[] gNext;
        private final double[] ha;
        private final double[] hb;
        private final double[] shiftF;
        private final double[] shiftG;
        private final double[] sum;
        private int iterations;
        private final double massA;

        Solver(CostRows cost, double[] a, double[] b, SinkhornOptions o, WorkerPool<LogSumExp.Scratch> pool,
               boolean symmetric) {
            this.n = cost.rows();
            this.m = cost.cols();
            this.c = cost;
            // the f-update reads the rows of C directly when no target weight is 0, else the
            // columns of the transpose (which skips zero weights exactly)
            this.ct = symmetric ? c : positive(b) ? null : c.transpose();
            this.a = a;
            this.b = b;
            this.la = logs(a);
            double ma = 0;
            for (double w : a) {
                ma += w;
            }
            this.massA = ma;
            this.lb = logs(b);
            this.o = o;
            this.pool = pool;
            this.f = new double[n];
            this.fNext = new double[n];
            this.g = new double[m];
            this.gNext = new double[m];
            this.ha = new double[n];
            this.hb = new double[m];
            this.shiftF = new double[n];
            this.shiftG = new double[m];
            this.sum = new double[Math.max(n, m)];
        }

        private static boolean positive(double[] w) {
            for (double x : w) {
                if (!(x > 0)) {
                    return false;
                }
            }
            return true;
        }

        private static double[] logs(double[] w) {
            double[] l = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                l[i] = Math.log(w[i]);  // log 0 = −∞: the weight drops out of every log-sum-exp
            }
            return l;
        }

        SinkhornResult run(double eps, double scale) {
            int limit = o.maxIterations();
            if (o.scalingFactor() < 1) {
                for (double e = scale; e > eps && iterations < limit; e *= o.scalingFactor()) {
                    updateF(e, f);
                    if (iterate(e, Math.max(o.tolerance(), STAGE_TOLERANCE * massA), limit) == Outcome.FAILED) {
                        return failed(eps);
                    }
                    swapF();
                }
            }
            updateF(eps, f);
            double target = o.tolerance();
            while (true) {
                if (iterate(eps, target, limit) == Outcome.FAILED) {
                    return failed(eps);
                }
                // (f, g) is the iterate; fNext its f-update
                SinkhornResult r = finish(eps);
                if (r.status() != OtStatus.ITERATION_LIMIT || iterations >= limit) {
                    return r;
                }
                // the estimate met the target but the error recomputed from π did not (rounding
                // in the estimate): iterate on with a tighter target
                target *= 0.5;
                swapF();
            }
        }

        /** The symmetric iteration for a = b and C = Cᵀ (see the class comment); g mirrors f. */
        SinkhornResult runSymmetric(double eps, double scale) {
            int limit = o.maxIterations();
            double target = o.tolerance();
            double first = o.scalingFactor() < 1 ? Math.max(eps, scale) : eps;
            for (double e = first; ; e = Math.max(eps, e * o.scalingFactor())) {
                boolean last = e <= eps;
                double stageTarget = last ? target : Math.max(target, STAGE_TOLERANCE * massA);
                while (true) {
                    System.arraycopy(f, 0, g, 0, n);
                    updateF(e, fNext);
                    iterations++;
                    if (!finite(fNext)) {
                        return failed(eps);
                    }
                    // rows and columns of π(f, f) have the same error, a_i |exp((f_i − T(f)_i)/ε) − 1|
                    if (2 * error(a, f, fNext, e) <= stageTarget || iterations >= limit) {
                        break;
                    }
                    relax(f, fNext, 0.5);
                }
                if (iterations >= limit || last) {
                    SinkhornResult r = finish(eps);
                    if (r.status() != OtStatus.ITERATION_LIMIT || iterations >= limit) {
                        return r;
                    }
                    target *= 0.5;  // as in run(): the estimate met the target, π did not
                    relax(f, fNext, 0.5);
                }
            }
        }

        private enum Outcome { MET, LIMIT, FAILED }

        /**
         * Iterates at ε from (f, g) with f the f-update of g, until the marginal error of (f, g)
         * is at most {@code target} (then fNext holds the next f-update) or the iteration limit.
         * Plain Sinkhorn for a while, then over-relaxed with ω from the measured rate, with a
         * plain iteration whenever the error looks met, since only after a plain g-update is the
         * error of (f, g) known exactly.
         */
        private Outcome iterate(double eps, double target, int limit) {
            double omega = 1;
            boolean check = false;
            double best = Double.POSITIVE_INFINITY;
            double[] recent = new double[RATE_WINDOW + 1];
            int plain = 0;
            while (iterations < limit) {
                boolean relax = omega > 1 && !check;
                double colError = 0;
                if (relax) {
                    updateG(eps, gNext);
                    colError = error(b, g, gNext, eps);
                    relax(g, gNext, omega);
                } else {
                    updateG(eps, g);
                }
                updateF(eps, fNext);
                iterations++;
                if (!finite(g) || !finite(fNext)) {
                    return Outcome.FAILED;
                }
                // the row error of (f, g); after a plain g-update the columns are exact
                double rowError = error(a, f, fNext, eps);
                if (!relax && rowError <= target) {
                    return Outcome.MET;
                }
                if (iterations >= limit) {
                    break;
                }
                if (relax) {
                    double proxy = rowError + colError;
                    if (!(proxy <= 10 * best)) {
                        // the over-relaxed iteration is not contracting: back towards ω = 1,
                        // plain Sinkhorn, which always converges
                        omega = omega < 1.05 ? 1 : 1 + (omega - 1) / 2;
                    }
                    best = Math.min(best, proxy);
                    // near the target: the next iteration is a plain one, whose error is exact
                    check = proxy <= target;
                    relax(f, fNext, omega);
                } else {
                    check = false;
                    if (omega == 1) {
                        recent[plain % recent.length] = rowError;
                        plain++;
                        if (plain > RATE_BURN_IN + RATE_WINDOW && plain % RATE_WINDOW == 0) {
                            omega = overRelaxation(rowError / recent[plain % recent.length]);
                        }
                    }
                    swapF();
                }
            }
            return Outcome.LIMIT;
        }

        /**
         * The over-relaxation factor for plain Sinkhorn iterations whose marginal error shrank by
         * {@code ratio} over {@link #RATE_WINDOW} iterations: with the rate per iteration
         * λ = ratio^{1/W}, ω = 2 / (1 + √(1 − λ)), capped at 1.9; 1 when the error did not shrink.
         * This is the classical optimal SOR factor for a Gauss–Seidel rate λ, which Sinkhorn's
         * alternating updates are (block Gauss–Seidel on the dual), as analysed by Thibault, Chizat,
         * Dossal &amp; Papadakis, "Overrelaxed Sinkhorn–Knopp algorithm for regularized optimal
         * transport", Algorithms 14, 2021, and Lehmann, von Renesse, Sambale &amp; Uschmajew, "A
         * note on overrelaxation in the Sinkhorn algorithm", Optim. Lett. 16, 2022; the over-relaxed
         * rate is then about ω − 1 instead of λ.
         */
        private static double overRelaxation(double ratio) {
            double rate = Math.pow(ratio, 1.0 / RATE_WINDOW);
            if (!(rate < 1)) {
                return 1;
            }
            return Math.min(MAX_OMEGA, 2 / (1 + Math.sqrt(1 - rate)));
        }

        /** v ← v + ω (next − v), in the log domain the over-relaxed scaling u^{1−ω} (a/Kv)^ω. */
        private static void relax(double[] v, double[] next, double omega) {
            for (int k = 0; k < v.length; k++) {
                v[k] += omega * (next[k] - v[k]);
            }
        }

        private void swapF() {
            double[] t = f;
            f = fNext;
            fNext = t;
        }

        /**
         * Σ_i |w_i exp((p_i − p̃_i)/ε) − w_i| for a potential p and its update p̃ against the other
         * potential: the L1 error of that side's marginal (row sums of π are a_i exp((f_i − f̃_i)/ε)).
         */
        private static double error(double[] w, double[] p, double[] next, double eps) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                if (w[i] > 0) {
                    s += w[i] * Math.abs(Math.expm1((p[i] - next[i]) / eps));
                }
            }
            return s;
        }

        /**
         * out_i = −ε log Σ_j exp(log b_j + (g_j − C_ij)/ε), with −f_i/ε (the current f) as the
         * guessed shift.
         */
        private void updateF(double eps, double[] out) {
            double inv = 1 / eps;
            for (int j = 0; j < m; j++) {
                hb[j] = lb[j] + g[j] * inv;
            }
            for (int i = 0; i < n; i++) {
                shiftF[i] = -f[i] * inv;
            }
            if (ct == null) {
                int block = LogSumExp.block(n, pool.threads());
                pool.run((n + block - 1) / block, (w, k) -> LogSumExp.rows(c, hb, inv, k * block,
                        Math.min(n, (k + 1) * block), shiftF, out, w));
            } else {
                lse(ct, hb, inv, shiftF, out);
            }
            for (int i = 0; i < n; i++) {
                out[i] *= -eps;
            }
        }

        /** out_j = −ε log Σ_i exp(log a_i + (f_i − C_ij)/ε), with −g_j/ε as the guessed shift. */
        private void updateG(double eps, double[] out) {
            double inv = 1 / eps;
            for (int i = 0; i < n; i++) {
                ha[i] = la[i] + f[i] * inv;
            }
            for (int j = 0; j < m; j++) {
                shiftG[j] = -g[j] * inv;
            }
            lse(c, ha, inv, shiftG, out);
            for (int j = 0; j < m; j++) {
                out[j] *= -eps;
            }
        }

        private void lse(CostRows mat, double[] h, double inv, double[] shift, double[] out) {
            int q = mat.cols();
            int block = LogSumExp.block(q, pool.threads());
            int blocks = (q + block - 1) / block;
            pool.run(blocks, (w, k) -> LogSumExp.columns(mat, h, inv, k * block, Math.min(q, (k + 1) * block),
                    shift, sum, out, w));
        }

        private static boolean finite(double[] v) {
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    return false;
                }
            }
            return true;
        }

        private SinkhornResult failed(double eps) {
            TransportPlan empty = new TransportPlan(n, m, new int[0], new int[0], new double[0]);
            return new SinkhornResult(OtStatus.FAILED, Double.NaN, Double.NaN, Double.NaN, empty, f, g, eps,
                    iterations, Double.NaN);
        }

        /**
         * Forms π_ij = exp(log a_i + log b_j + (f_i + g_j − C_ij)/ε) with {@link Math#exp} (the
         * accurate one: this is what is reported), its marginals and the costs. Row i's entries go
         * to slots [i·m, i·m + count_i) and are compacted in row order afterwards; column sums are
         * reduced over chunks in chunk order.
         */
        private SinkhornResult finish(double eps) {
            double inv = 1 / eps;
            int chunks = (n + ROWS - 1) / ROWS;
            int[] from = new int[n * m];
            int[] to = new int[n * m];
            double[] mass = new double[n * m];
            int[] count = new int[n];
            double[] rowSum = new double[n];
            double[] rowCost = new double[n];
            double[][] colPart = new double[chunks][];
            pool.run(chunks, (w, k) -> {
                double[] col = new double[m];
                for (int i = k * ROWS; i < Math.min(n, (k + 1) * ROWS); i++) {
                    if (a[i] == 0) {
                        continue;
                    }
                    double base = la[i] + f[i] * inv;
                    double[] ci = c.row(i, 0, m, w.c());
                    int ofs = c.offset(i);
                    int row = i * m;
                    int at = row;
                    double rs = 0;
                    double rc = 0;
                    for (int j = 0; j < m; j++) {
                        if (b[j] == 0) {
                            continue;
                        }
                        double cij = ci[ofs + j];
                        double p = Math.exp(base + lb[j] + (g[j] - cij) * inv);
                        if (p != 0) {
                            from[at] = i;
                            to[at] = j;
                            mass[at] = p;
                            at++;
                            rs += p;
                            rc += p * cij;
                            col[j] += p;
                        }
                    }
                    count[i] = at - row;
                    rowSum[i] = rs;
                    rowCost[i] = rc;
                }
                colPart[k] = col;
            });
            int size = 0;
            for (int i = 0; i < n; i++) {
                if (size != i * m) {  // nothing to move while every entry so far is nonzero
                    System.arraycopy(from, i * m, from, size, count[i]);
                    System.arraycopy(to, i * m, to, size, count[i]);
                    System.arraycopy(mass, i * m, mass, size, count[i]);
                }
                size += count[i];
            }
            double[] colSum = new double[m];
            for (double[] part : colPart) {
                for (int j = 0; j < m; j++) {
                    colSum[j] += part[j];
                }
            }
            double transport = 0;
            double total = 0;
            double error = 0;
            double primal = 0;
            double dual = 0;
            double ma = 0;
            double mb = 0;
            for (int i = 0; i < n; i++) {
                transport += rowCost[i];
                total += rowSum[i];
                error += Math.abs(rowSum[i] - a[i]);
                primal += rowSum[i] * f[i];
                dual += a[i] * f[i];
                ma += a[i];
            }
            for (int j = 0; j < m; j++) {
                error += Math.abs(colSum[j] - b[j]);
                primal += colSum[j] * g[j];
                dual += b[j] * g[j];
                mb += b[j];
            }
            // ⟨π, C⟩ + ε KL(π | a⊗b) with ε log(π_ij / (a_i b_j)) = f_i + g_j − C_ij: the C terms
            // cancel, leaving ⟨π1, f⟩ + ⟨πᵀ1, g⟩ − ε Σπ + ε Σa Σb
            double klTail = eps * (ma * mb - total);
            primal += klTail;
            dual += klTail;
            TransportPlan plan = new TransportPlan(n, m, trim(from, size), trim(to, size), trim(mass, size));
            if (!Double.isFinite(transport) || !Double.isFinite(primal) || !Double.isFinite(error)) {
                return failed(eps);
            }
            OtStatus status = error <= o.tolerance() ? OtStatus.CONVERGED : OtStatus.ITERATION_LIMIT;
            return new SinkhornResult(status, transport, primal, dual, plan, f, g, eps, iterations, error);
        }

        private static int[] trim(int[] v, int size) {
            return v.length == size ? v : Arrays.copyOf(v, size);
        }

        private static double[] trim(double[] v, int size) {
            return v.length == size ? v : Arrays.copyOf(v, size);
        }
    }
}
