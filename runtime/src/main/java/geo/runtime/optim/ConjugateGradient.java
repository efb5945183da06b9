package geo.runtime.optim;

/**
 * Matrix-free conjugate gradients for A x = b (Hestenes &amp; Stiefel, 1952; Nocedal &amp; Wright,
 * <i>Numerical Optimization</i>, 2nd ed., Algorithm 5.2), with A seen only through
 * {@link LinearOperator#apply}. Two forms:
 * <ul>
 *   <li>{@link Form#PLAIN}: CG on A itself, for symmetric positive definite A. A direction with
 *       pᵀAp ≤ 0 proves A is not positive definite; the solve stops with {@link Status#INDEFINITE}
 *       rather than return a meaningless x.</li>
 *   <li>{@link Form#NORMAL}: CG on the normal equations with a ridge, (AᵀA + λI) x = Aᵀ b, for a
 *       symmetric A that may be indefinite or singular (a Hessian away from a strict minimum), as
 *       TaskMet does for its implicit gradients (Bansal, Chen, Mukadam &amp; Amos, "TaskMet:
 *       Task-Driven Metric Learning for Model Learning", NeurIPS 2023; torchopt's
 *       {@code solve_normal_cg}). A is taken to be symmetric, so Aᵀ = A and each iteration costs
 *       two products. AᵀA + λI is positive definite for λ &gt; 0; the solution is the ridge-regularised
 *       least-squares solution, which tends to A⁻¹b as λ → 0 when A is invertible.</li>
 * </ul>
 * Iterations stop when the residual of the system solved, ‖r‖₂ = ‖b' − A'x‖₂, is at most
 * {@code tolerance}·‖b'‖₂ (b', A' the right side and operator of the form), or after
 * {@code maxIterations}. Not thread-safe (scratch arrays are kept between solves of one size).
 */
public final class ConjugateGradient {

    /** Which system is solved. */
    public enum Form {
        /** A x = b, A symmetric positive definite. */
        PLAIN,
        /** (AᵀA + λI) x = Aᵀ b with A symmetric, λ = {@link Settings#ridge()}. */
        NORMAL
    }

    /** Why a solve stopped. Only {@link #CONVERGED} means the residual met the tolerance. */
    public enum Status {
        /** ‖r‖₂ ≤ tolerance · ‖b'‖₂. */
        CONVERGED,
        /** The iteration limit came first; x is the last iterate. */
        MAX_ITERATIONS,
        /** pᵀA p ≤ 0 for a search direction p: A is not positive definite (plain CG only). */
        INDEFINITE,
        /** A product or the right side was NaN or infinite. */
        NON_FINITE
    }

    /**
     * The settings of a solve.
     *
     * @param form          plain CG or the normal equations with a ridge
     * @param maxIterations the most iterations (products with A, two each for the normal form), ≥ 1
     * @param tolerance     the relative residual to reach, &gt; 0
     * @param ridge         λ ≥ 0 of the normal form (ignored by the plain form)
     */
    public record Settings(Form form, int maxIterations, double tolerance, double ridge) {

        /** {@link #maxIterations()} by default. */
        public static final int MAX_ITERATIONS = 1000;
        /** {@link #tolerance()} by default. */
        public static final double TOLERANCE = 1e-10;
        /** {@link #ridge()} by default (TaskMet's implicit solves use a small ridge of this order). */
        public static final double RIDGE = 1e-8;

        /** Plain CG, 1000 iterations, relative residual 10⁻¹⁰. */
        public static final Settings DEFAULTS = new Settings(Form.PLAIN, MAX_ITERATIONS, TOLERANCE, RIDGE);

        public Settings {
            if (form == null || maxIterations < 1 || !(tolerance > 0) || !(ridge >= 0 && Double.isFinite(ridge))) {
                throw new IllegalArgumentException("need a form, maxIterations ≥ 1, tolerance > 0 and a finite ridge ≥ 0");
            }
        }

        public Settings withForm(Form value) {
            return new Settings(value, maxIterations, tolerance, ridge);
        }

        public Settings withMaxIterations(int value) {
            return new Settings(form, value, tolerance, ridge);
        }

        public Settings withTolerance(double value) {
            return new Settings(form, maxIterations, value, ridge);
        }

        public Settings withRidge(double value) {
            return new Settings(form, maxIterations, tolerance, value);
        }
    }

    /**
     * The outcome of a solve; x is in the caller's array.
     *
     * @param status     why it stopped
     * @param iterations the CG iterations run
     * @param residual   ‖b' − A'x‖₂ of the system solved (recurred, as CG updates it), at the returned x
     * @param relative   residual / ‖b'‖₂ (0 when b' = 0)
     * @param message    one line on the status
     */
    public record Result(Status status, int iterations, double residual, double relative, String message) {
        public boolean converged() {
            return status == Status.CONVERGED;
        }
    }

    private final Settings settings;
    private double[] r;
    private double[] p;
    private double[] ap;
    private double[] tmp;

    public ConjugateGradient(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Solves from x = 0.
     *
     * @param a   the operator (symmetric; positive definite for {@link Form#PLAIN})
     * @param b   the right side (read)
     * @param x   receives the solution (overwritten)
     */
    public Result solve(LinearOperator a, double[] b, double[] x) {
        int n = b.length;
        if (r == null || r.length != n) {
            r = new double[n];
            p = new double[n];
            ap = new double[n];
            tmp = new double[n];
        }
        java.util.Arrays.fill(x, 0);
        boolean normal = settings.form() == Form.NORMAL;
        // The right side b' of the system solved: b, or Aᵀb = A b.
        if (normal) {
            a.apply(b, r);
        } else {
            System.arraycopy(b, 0, r, 0, n);
        }
        double bNorm = Math.sqrt(dot(r, r));
        if (!Double.isFinite(bNorm)) {
            return new Result(Status.NON_FINITE, 0, bNorm, Double.NaN, "the right side is not finite");
        }
        if (bNorm == 0) {
            return new Result(Status.CONVERGED, 0, 0, 0, "the right side is 0, so x = 0");
        }
        System.arraycopy(r, 0, p, 0, n);
        double rr = bNorm * bNorm;
        double goal = settings.tolerance() * bNorm;
        for (int k = 1; k <= settings.maxIterations(); k++) {
            product(a, p, ap, normal);
            double pAp = dot(p, ap);
            if (!Double.isFinite(pAp)) {
                return new Result(Status.NON_FINITE, k - 1, Math.sqrt(rr), Math.sqrt(rr) / bNorm,
                        "a product with the operator is not finite (iteration " + k + ")");
            }
            if (pAp <= 0) {
                return new Result(Status.INDEFINITE, k - 1, Math.sqrt(rr), Math.sqrt(rr) / bNorm,
                        "pᵀAp = " + pAp + " ≤ 0 at iteration " + k + ": the operator is not positive definite"
                                + (normal ? "" : " (use the normal-equations form with a ridge)"));
            }
            double alpha = rr / pAp;
            for (int i = 0; i < n; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            double rrNew = dot(r, r);
            double res = Math.sqrt(rrNew);
            if (res <= goal) {
                return new Result(Status.CONVERGED, k, res, res / bNorm,
                        "relative residual " + res / bNorm + " ≤ " + settings.tolerance() + " after " + k + " iterations");
            }
            double beta = rrNew / rr;
            rr = rrNew;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * p[i];
            }
        }
        double res = Math.sqrt(rr);
        return new Result(Status.MAX_ITERATIONS, settings.maxIterations(), res, res / bNorm,
                "relative residual " + res / bNorm + " after " + settings.maxIterations() + " iterations (tolerance "
                        + settings.tolerance() + ")");
    }

    /** out = A v, or (AᵀA + λI) v = A(A v) + λ v for the normal form. */
    private void product(LinearOperator a, double[] v, double[] out, boolean normal) {
        if (!normal) {
            a.apply(v, out);
            return;
        }
        a.apply(v, tmp);
        a.apply(tmp, out);
        double ridge = settings.ridge();
        for (int i = 0; i < v.length; i++) {
            out[i] += ridge * v[i];
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
