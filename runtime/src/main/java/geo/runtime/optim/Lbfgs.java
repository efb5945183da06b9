package geo.runtime.optim;

import java.util.Optional;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Algorithm 7.4/7.5): the search direction is
 * p = −H∇f, with H applied by the two-loop recursion over the last m curvature pairs
 * (s = x₊ − x, y = ∇f₊ − ∇f) and the initial scaling H₀ = (sᵀy / yᵀy) I; the step along p comes
 * from a line search satisfying the strong Wolfe conditions ({@link WolfeLineSearch}), which keeps
 * sᵀy &gt; 0 and H positive definite. The first direction is −∇f/‖∇f‖₂ (a unit step; or −∇f,
 * {@link FirstStep}), and after a
 * failed line search the memory is cleared and one steepest-descent search is tried before the run
 * gives up.
 *
 * <p>Stops with {@link Status#CONVERGED} when ‖∇f‖∞ ≤ {@code gradientTolerance}, or when a step
 * decreases f by at most {@code relativeTolerance}·max(|f|, |f₊|) (0 disables this test; further progress is then
 * below what f resolves; there is no absolute floor, so objectives whose minimum is 0 converge
 * on the gradient); otherwise with the status of the limit it hit. Workspaces are kept
 * between runs of the same dimension, so repeated runs allocate nothing; an instance is therefore
 * not thread-safe.
 */
public final class Lbfgs implements Minimizer {

    /**
     * Tuning of a run.
     *
     * @param memory            the number m of curvature pairs kept (≥ 1)
     * @param maxIterations     the most accepted steps
     * @param maxEvaluations    the most objective evaluations, line searches included
     * @param gradientTolerance convergence when ‖∇f‖∞ is at most this
     * @param relativeTolerance convergence when a step's decrease is at most this times max(|f|, |f₊|)
     * @param c1                sufficient-decrease constant of the line search (0 &lt; c1 &lt; c2)
     * @param c2                curvature constant of the line search (c2 &lt; 1)
     * @param firstStep         the first direction's length ({@link FirstStep})
     */
    public record Settings(int memory, int maxIterations, int maxEvaluations, double gradientTolerance,
                           double relativeTolerance, double c1, double c2, FirstStep firstStep) {

        public Settings {
            if (memory < 1 || maxIterations < 0 || maxEvaluations < 1) {
                throw new IllegalArgumentException("need memory ≥ 1, maxIterations ≥ 0 and maxEvaluations ≥ 1");
            }
            if (!(gradientTolerance >= 0) || !(relativeTolerance >= 0)) {
                throw new IllegalArgumentException("tolerances must be ≥ 0");
            }
            if (!(0 < c1 && c1 < c2 && c2 < 1)) {
                throw new IllegalArgumentException("need 0 < c1 < c2 < 1");
            }
            if (firstStep == null) {
                throw new IllegalArgumentException("the first step must be given");
            }
        }

        /**
         * m = 10, 1000 iterations, 5000 evaluations, ‖∇f‖∞ ≤ 1e-8, relative decrease 1e-15, c1 = 1e-4,
         * c2 = 0.9, a unit-length first step.
         */
        public static Settings defaults() {
            return new Settings(10, 1000, 5000, 1e-8, 1e-15, 1e-4, 0.9, FirstStep.UNIT_LENGTH);
        }

        public Settings withFirstStep(FirstStep f) {
            return new Settings(memory, maxIterations, maxEvaluations, gradientTolerance, relativeTolerance, c1, c2, f);
        }

        public Settings withMemory(int m) {
            return new Settings(m, maxIterations, maxEvaluations, gradientTolerance, relativeTolerance, c1, c2,
                    firstStep);
        }

        public Settings withMaxIterations(int n) {
            return new Settings(memory, n, maxEvaluations, gradientTolerance, relativeTolerance, c1, c2, firstStep);
        }

        public Settings withMaxEvaluations(int n) {
            return new Settings(memory, maxIterations, n, gradientTolerance, relativeTolerance, c1, c2, firstStep);
        }

        public Settings withGradientTolerance(double tol) {
            return new Settings(memory, maxIterations, maxEvaluations, tol, relativeTolerance, c1, c2, firstStep);
        }

        public Settings withRelativeTolerance(double tol) {
            return new Settings(memory, maxIterations, maxEvaluations, gradientTolerance, tol, c1, c2, firstStep);
        }
    }

    /**
     * The first search direction of a run, and of the restart after a failed line search, when no
     * curvature pair is stored yet.
     */
    public enum FirstStep {
        /** −∇f/‖∇f‖₂, a unit step: for objectives of unknown scale. */
        UNIT_LENGTH,
        /**
         * −∇f itself: the Newton step when the Hessian is near the identity, as in preconditioned
         * variables. Near a minimum it is short, so a warm start is not thrown away by a unit step
         * that the line search must shrink by many orders.
         */
        GRADIENT
    }

    private final Settings settings;
    private final WolfeLineSearch lineSearch;
    private int n = -1;
    private double[][] s;
    private double[][] y;
    private double[] rho;
    private double[] alpha;
    private double[] g;
    private double[] p;
    private double[] xNew;
    private double[] gNew;
    private int stored;
    private int newest;

    public Lbfgs(Settings settings) {
        this.settings = settings;
        this.lineSearch = new WolfeLineSearch(settings.c1(), settings.c2());
    }

    public Lbfgs() {
        this(Settings.defaults());
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Minimises f from x.
     *
     * @param f the objective
     * @param x the starting point on entry; on return the last accepted point (modified), which is
     *          finite and, up to f's rounding error, the lowest found
     * @return the status, the value and gradient norm at the returned x, and the counts
     */
    @Override
    public OptimResult minimize(Objective f, double[] x) {
        Run run = start(f, x);
        while (run.result().isEmpty()) {
            run.iterate();
        }
        return run.result().get();
    }

    /**
     * Starts a run that the caller advances one accepted step at a time ({@link Run#iterate()}),
     * e.g. one step per epoch of a training loop; {@link #minimize} is this loop. Evaluates f at x.
     * One run at a time per instance (they share the workspace).
     *
     * @param x the start; the run's current point, modified by every step
     */
    public Run start(Objective f, double[] x) {
        return new Run(f, x);
    }

    /** A run in progress: its current point is the caller's array, its state is the instance's. */
    public final class Run {
        private final Objective f;
        private final double[] x;
        private double fx;
        private double gInf;
        private int iterations;
        private int evaluations = 1;
        private OptimResult result;

        private Run(Objective f, double[] x) {
            this.f = f;
            this.x = x;
            allocate(x.length);
            stored = 0;
            fx = f.valueAndGradient(x, g);
            gInf = normInf(g);
            if (!Double.isFinite(fx) || !allFinite(g)) {
                result = new OptimResult(Status.NON_FINITE, fx, gInf, 0, evaluations,
                        "the objective or its gradient is not finite at the starting point (f = " + fx + ")");
            } else {
                checkLimits();
            }
        }

        /** Empty while the run goes on; then why it ended, with the value at the current point. */
        public Optional<OptimResult> result() {
            return Optional.ofNullable(result);
        }

        /** f at the current point. */
        public double value() {
            return fx;
        }

        /** ‖∇f‖∞ at the current point. */
        public double gradientNorm() {
            return gInf;
        }

        /** The accepted steps so far. */
        public int iterations() {
            return iterations;
        }

        /**
         * Takes one step (a line search along the L-BFGS direction, −∇f after a failure), then
         * applies the convergence tests and limits of {@link #minimize}.
         *
         * @return whether a step was accepted (false: the run has ended, see {@link #result()})
         * @throws IllegalStateException when the run had already ended
         */
        public boolean iterate() {
            if (result != null) {
                throw new IllegalStateException("the run has ended: " + result.message());
            }
            WolfeLineSearch.Outcome outcome = null;
            for (int attempt = 0; attempt < 2 && outcome != WolfeLineSearch.Outcome.ACCEPTED; attempt++) {
                if (attempt == 1 && stored == 0) {
                    break;
                }
                if (attempt == 1 || !direction()) {
                    stored = 0;
                    steepestDescent();
                }
                int budget = settings.maxEvaluations() - evaluations;
                if (budget <= 0) {
                    result = new OptimResult(Status.MAX_EVALUATIONS, fx, gInf, iterations, evaluations,
                            "reached " + evaluations + " evaluations with ‖∇f‖∞ = " + gInf);
                    return false;
                }
                outcome = lineSearch.search(f, x, fx, WolfeLineSearch.dot(g, p), p, 1.0, budget, xNew, gNew);
                evaluations += lineSearch.evaluations;
            }
            if (outcome != WolfeLineSearch.Outcome.ACCEPTED) {
                result = failure(outcome, fx, gInf, iterations, evaluations);
                return false;
            }
            double fNew = lineSearch.value;
            remember(x);
            double[] swap = g;
            g = gNew;
            gNew = swap;
            System.arraycopy(xNew, 0, x, 0, x.length);
            iterations++;
            double decrease = fx - fNew;
            double scale = Math.max(Math.abs(fx), Math.abs(fNew));
            fx = fNew;
            gInf = normInf(g);
            if (settings.relativeTolerance() > 0 && decrease <= settings.relativeTolerance() * scale
                    && gInf > settings.gradientTolerance()) {
                result = new OptimResult(Status.CONVERGED, fx, gInf, iterations, evaluations,
                        "relative decrease " + decrease / scale + " ≤ " + settings.relativeTolerance()
                                + " (‖∇f‖∞ = " + gInf + ")");
            } else {
                checkLimits();
            }
            return true;
        }

        /** The tests at the top of each iteration of Algorithm 7.5: the gradient, then the iteration limit. */
        private void checkLimits() {
            if (gInf <= settings.gradientTolerance()) {
                result = new OptimResult(Status.CONVERGED, fx, gInf, iterations, evaluations,
                        "‖∇f‖∞ = " + gInf + " ≤ " + settings.gradientTolerance());
            } else if (iterations >= settings.maxIterations()) {
                result = new OptimResult(Status.MAX_ITERATIONS, fx, gInf, iterations, evaluations,
                        "reached " + iterations + " iterations with ‖∇f‖∞ = " + gInf);
            }
        }
    }

    private OptimResult failure(WolfeLineSearch.Outcome outcome, double fx, double gInf, int iterations,
                                int evaluations) {
        if (evaluations >= settings.maxEvaluations()) {
            return new OptimResult(Status.MAX_EVALUATIONS, fx, gInf, iterations, evaluations,
                    "reached " + evaluations + " evaluations with ‖∇f‖∞ = " + gInf);
        }
        if (outcome == WolfeLineSearch.Outcome.NON_FINITE) {
            return new OptimResult(Status.NON_FINITE, fx, gInf, iterations, evaluations,
                    "the objective was not finite at every trial step along the search direction");
        }
        return new OptimResult(Status.LINE_SEARCH_FAILED, fx, gInf, iterations, evaluations,
                "no step satisfies the strong Wolfe conditions, even along −∇f (‖∇f‖∞ = " + gInf
                        + "; the gradient may be inaccurate or f may be at its rounding floor)");
    }

    /**
     * The two-loop recursion p = −H∇f. Returns false (leaving p unspecified) when p is not a
     * descent direction, which rounding can cause on badly scaled problems.
     */
    private boolean direction() {
        if (stored == 0) {
            return false;
        }
        int m = settings.memory();
        System.arraycopy(g, 0, p, 0, n);
        for (int k = 0, i = newest; k < stored; k++, i = (i - 1 + m) % m) {
            alpha[i] = rho[i] * WolfeLineSearch.dot(s[i], p);
            axpy(-alpha[i], y[i], p);
        }
        double gamma = WolfeLineSearch.dot(s[newest], y[newest]) / WolfeLineSearch.dot(y[newest], y[newest]);
        for (int i = 0; i < n; i++) {
            p[i] *= gamma;
        }
        for (int k = 0, i = (newest - stored + 1 + m) % m; k < stored; k++, i = (i + 1) % m) {
            double beta = rho[i] * WolfeLineSearch.dot(y[i], p);
            axpy(alpha[i] - beta, s[i], p);
        }
        for (int i = 0; i < n; i++) {
            p[i] = -p[i];
        }
        double slope = WolfeLineSearch.dot(g, p);
        return slope < 0 && Double.isFinite(slope);
    }

    private void steepestDescent() {
        double norm = settings.firstStep() == FirstStep.GRADIENT ? 1 : Math.sqrt(WolfeLineSearch.dot(g, g));
        for (int i = 0; i < n; i++) {
            p[i] = -g[i] / norm;
        }
    }

    /** Stores the pair (xNew − x, gNew − g) unless sᵀy is not safely positive. Call before x and g move. */
    private void remember(double[] x) {
        double sy = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            double si = xNew[i] - x[i];
            double yi = gNew[i] - g[i];
            sy += si * yi;
            yy += yi * yi;
        }
        if (!(sy > 1e-12 * yy && yy > 0 && Double.isFinite(sy))) {
            return;
        }
        int m = settings.memory();
        newest = (newest + 1) % m;
        for (int i = 0; i < n; i++) {
            s[newest][i] = xNew[i] - x[i];
            y[newest][i] = gNew[i] - g[i];
        }
        rho[newest] = 1 / sy;
        stored = Math.min(stored + 1, m);
    }

    private void allocate(int size) {
        if (size == n) {
            return;
        }
        n = size;
        int m = settings.memory();
        s = new double[m][n];
        y = new double[m][n];
        rho = new double[m];
        alpha = new double[m];
        g = new double[n];
        p = new double[n];
        xNew = new double[n];
        gNew = new double[n];
        newest = m - 1;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    static double normInf(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
