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
 * never forming exp(−C/ε) itself: each sum is shifted by its largest exponent
 * ({@link LogSumExp}), so ε can go down to 10⁻⁴ of the cost scale and below without overflow or
 * underflow (Peyré &amp; Cuturi, <i>Computational Optimal Transport</i>, §4.4, "log-domain
 * computations"; Schmitzer, "Stabilized sparse scaling algorithms for entropy regularized
 * transport problems", SIAM J. Sci. Comput. 41, 2019). Zero weights enter as log 0 = −∞ and drop
 * out of every sum; their potentials stay defined.
 *
 * <p>ε-scaling: the iteration starts at ε₀ = max|C| and multiplies ε by the scaling factor after
 * each iteration until it reaches the target, then iterates at the target ε until the marginal
 * error ‖π1 − a‖₁ + ‖πᵀ1 − b‖₁ is at most the tolerance. After a g-update the column sums are
 * exact, and the row sums of the current iterate are a_i exp((f_i − f̃_i)/ε) with f̃ the next
 * f-update, so the error is known at no extra cost; the returned plan's error is then computed
 * again from π itself, and CONVERGED means that recomputed error is within the tolerance.
 *
 * <p>The row and column updates run on {@link WorkerPool} workers in blocks of columns; each
 * potential is computed from its own row or column in a fixed order, and every sum over the plan
 * is reduced in row order, so the results are the same bits for any thread count.
 *
 * <p>Memory: the solver keeps a transposed copy of C (n·m doubles) so that both updates stream
 * contiguous memory, and the plan lists every entry that does not underflow (up to n·m entries).
 */
public final class Sinkhorn {

    /** Rows per chunk of the final pass that forms π. */
    private static final int ROWS = 32;

    /** Masses must agree to this, relative to the larger. */
    static final double MASS_TOLERANCE = 1e-12;

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
        checkWeights(c, a, b);
        double scale = c.maxAbs();
        double eps = o.absoluteEpsilon(scale);
        try (WorkerPool<double[]> pool = new WorkerPool<>(o.threads(), i -> new double[Math.max(c.rows(), c.cols())],
                "Sinkhorn updates")) {
            return new Solver(c, a, b, o, pool).run(eps, scale > 0 ? scale : 1);
        }
    }

    /**
     * Checks transport weights against a cost matrix: lengths n and m, every weight finite and
     * ≥ 0, a positive total, and equal totals to {@value #MASS_TOLERANCE} relative.
     *
     * @throws IllegalArgumentException naming the first violation
     */
    static void checkWeights(CostMatrix c, double[] a, double[] b) {
        double ma = mass("source", a, c.rows(), "rows");
        double mb = mass("target", b, c.cols(), "columns");
        if (Math.abs(ma - mb) > MASS_TOLERANCE * Math.max(ma, mb)) {
            throw new IllegalArgumentException("the source weights sum to " + ma + " and the target weights to " + mb
                    + ": transport needs equal masses (to " + MASS_TOLERANCE + " relative)");
        }
    }

    private static double mass(String which, double[] w, int expected, String dimension) {
        if (w.length != expected) {
            throw new IllegalArgumentException(w.length + " " + which + " weights for a cost matrix with " + expected
                    + " " + dimension);
        }
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0 && w[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(which + " weight " + i + " is " + w[i]
                        + "; weights must be finite and non-negative");
            }
            s += w[i];
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException("the " + which + " weights sum to 0: there is no mass to transport");
        }
        return s;
    }

    /** One solve's arrays. */
    private static final class Solver {
        private final int n;
        private final int m;
        private final double[] c;
        private final double[] ct;
        private final double[] a;
        private final double[] b;
        private final double[] la;
        private final double[] lb;
        private final SinkhornOptions o;
        private final WorkerPool<double[]> pool;
        private double[] f;
        private double[] fNext;
        private final double[] g;
        private final double[] ha;
        private final double[] hb;
        private final double[] max;
        private final double[] sum;
        private int iterations;

        Solver(CostMatrix cost, double[] a, double[] b, SinkhornOptions o, WorkerPool<double[]> pool) {
            this.n = cost.rows();
            this.m = cost.cols();
            this.c = cost.values();
            this.ct = LogSumExp.transpose(c, n, m);
            this.a = a;
            this.b = b;
            this.la = logs(a);
            this.lb = logs(b);
            this.o = o;
            this.pool = pool;
            this.f = new double[n];
            this.fNext = new double[n];
            this.g = new double[m];
            this.ha = new double[n];
            this.hb = new double[m];
            this.max = new double[Math.max(n, m)];
            this.sum = new double[Math.max(n, m)];
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
                    updateG(e);
                    iterations++;
                    if (!finite(f) || !finite(g)) {
                        return failed(eps);
                    }
                }
            }
            updateF(eps, f);
            double target = o.tolerance();
            while (true) {
                while (iterations < limit) {
                    updateG(eps);
                    updateF(eps, fNext);
                    iterations++;
                    if (!finite(g) || !finite(fNext)) {
                        return failed(eps);
                    }
                    if (rowError(eps) <= target || iterations >= limit) {
                        break;
                    }
                    swapF();
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

        private void swapF() {
            double[] t = f;
            f = fNext;
            fNext = t;
        }

        /** Σ_i |a_i exp((f_i − f̃_i)/ε) − a_i|: the row-marginal error of (f, g), with f̃ = fNext. */
        private double rowError(double eps) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                if (a[i] > 0) {
                    s += a[i] * Math.abs(Math.expm1((f[i] - fNext[i]) / eps));
                }
            }
            return s;
        }

        /** out_i = −ε log Σ_j exp(log b_j + (g_j − C_ij)/ε). */
        private void updateF(double eps, double[] out) {
            double inv = 1 / eps;
            for (int j = 0; j < m; j++) {
                hb[j] = lb[j] + g[j] * inv;
            }
            lse(ct, m, n, hb, inv, out);
            for (int i = 0; i < n; i++) {
                out[i] *= -eps;
            }
        }

        /** g_j = −ε log Σ_i exp(log a_i + (f_i − C_ij)/ε). */
        private void updateG(double eps) {
            double inv = 1 / eps;
            for (int i = 0; i < n; i++) {
                ha[i] = la[i] + f[i] * inv;
            }
            lse(c, n, m, ha, inv, g);
            for (int j = 0; j < m; j++) {
                g[j] *= -eps;
            }
        }

        private void lse(double[] mat, int p, int q, double[] h, double inv, double[] out) {
            int block = LogSumExp.block(q, pool.threads());
            int blocks = (q + block - 1) / block;
            pool.run(blocks, (w, k) -> LogSumExp.columns(mat, p, q, h, inv, k * block, Math.min(q, (k + 1) * block),
                    max, sum, out, w));
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
                    int row = i * m;
                    int at = row;
                    double rs = 0;
                    double rc = 0;
                    for (int j = 0; j < m; j++) {
                        if (b[j] == 0) {
                            continue;
                        }
                        double p = Math.exp(base + lb[j] + (g[j] - c[row + j]) * inv);
                        if (p != 0) {
                            from[at] = i;
                            to[at] = j;
                            mass[at] = p;
                            at++;
                            rs += p;
                            rc += p * c[row + j];
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
                System.arraycopy(from, i * m, from, size, count[i]);
                System.arraycopy(to, i * m, to, size, count[i]);
                System.arraycopy(mass, i * m, mass, size, count[i]);
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
