package geo.runtime.learn.lagrangian;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.Objective;
import geo.runtime.optim.OptimResult;
import geo.runtime.transport.cost.DiscreteAction;

/**
 * Minimal discrete-action paths (Pooladian et al. 2024, B2): S = Σ_{k=0}^{T−2} L(x_k, Δ_k),
 * Δ_k = x_{k+1} − x_k + δ, on T points with x₀ = x and x_{T−1} = y fixed, minimised by L-BFGS over
 * the T − 2 interior points q ({@link DiscreteAction}; the path is the C² cubic spline through the
 * points; with {@link Options#subdivisions} m &gt; 1 the potential is also sampled between them along
 * that spline, our change — the paper's S, m = 1, sees only the points and its minimisers step over
 * thin walls between two of them), preconditioned by the kinetic part's Hessian ({@link KineticChain}). A minimum is local: around an
 * obstacle the start decides the side, so {@link #best} tries the straight line and four arcs
 * bent to either side and keeps the lowest action. Not thread-safe.
 */
public final class PathSolver {

    /**
     * @param samples T, the points of a path (the paper's 20)
     * @param offset  δ (the paper's 1e-6)
     * @param lbfgs   the L-BFGS settings of a solve
     * @param bend    the arcs' sagitta as a share of |y − x| ({@link #best})
     * @param subdivisions m, the potential's samples per segment along the spline ({@link DiscreteAction};
     *                1 is the paper's action, which steps over thin walls between two points)
     */
    public record Options(int samples, double offset, Lbfgs.Settings lbfgs, double bend, int subdivisions) {

        /** The default m: 4 potential samples a segment (the paper: 1; on the slit and box baselines 4 and 8 give the same actions within 1e-5 relative and no crossing). */
        public static final int SUBDIVISIONS = 4;

        /**
         * T = 20, δ = 1e-6, L-BFGS to ‖∇S‖∞ ≤ 1e-8 (at most 3000 iterations) whose first step is
         * −∇S in the preconditioned variables (the kinetic Hessian there is I, so it is the kinetic
         * Newton step; a unit step would throw a warm start away), bend 0.5, m = {@value #SUBDIVISIONS}.
         */
        public static final Options DEFAULTS = new Options(20, 1e-6,
                Lbfgs.Settings.defaults().withGradientTolerance(1e-8).withMaxIterations(3000)
                        .withMaxEvaluations(10000).withFirstStep(Lbfgs.FirstStep.GRADIENT), 0.5, SUBDIVISIONS);

        public Options {
            if (samples < 3) {
                throw new IllegalArgumentException("a path needs at least 3 points, got " + samples);
            }
            if (!(bend > 0)) {
                throw new IllegalArgumentException("the bend must be positive, got " + bend);
            }
            if (subdivisions < 1) {
                throw new IllegalArgumentException("at least 1 potential sample a segment, got " + subdivisions);
            }
        }

        public Options withLbfgs(Lbfgs.Settings s) {
            return new Options(samples, offset, s, bend, subdivisions);
        }

        public Options withSubdivisions(int m) {
            return new Options(samples, offset, lbfgs, bend, m);
        }

        /** A new discrete action with these settings. */
        public DiscreteAction action(LagrangianKernels lagrangian) {
            return new DiscreteAction(lagrangian, samples, offset, subdivisions);
        }
    }

    private final Options options;
    private final DiscreteAction action;
    private final Lbfgs lbfgs;
    private final double[] trial;
    private final KineticChain chain;
    private final Objective preconditioned;
    private final double[] w;
    private final double[] gq;
    private double last = Double.NaN;

    public PathSolver(LagrangianKernels lagrangian, Options options) {
        this.options = options;
        this.action = options.action(lagrangian);
        this.lbfgs = new Lbfgs(options.lbfgs());
        this.trial = new double[action.freeCount()];
        this.chain = new KineticChain(options.samples() - 2, 2, false);
        this.preconditioned = chain.wrap(action);
        this.w = new double[action.freeCount()];
        this.gq = new double[action.freeCount()];
    }

    public Options options() {
        return options;
    }

    /** The number of free variables, 2(T − 2) in the plane. */
    public int freeCount() {
        return action.freeCount();
    }

    /** The discrete action itself (its problem is set by {@link #set}). */
    public DiscreteAction action() {
        return action;
    }

    /** Sets the ends and θ of the next evaluations and solves. */
    public void set(double[] x, double[] y, double[] theta) {
        action.setProblem(x, y, theta);
    }

    /** The interior points of the straight line between the current ends. */
    public void straight(double[] q) {
        action.straight(q);
    }

    /** S(q) for the current problem, with ∂S/∂q when {@code gradQ} is not null. */
    public double value(double[] q, double[] gradQ) {
        return action.evaluate(q, gradQ, null, null, null);
    }

    /**
     * ‖∂S/∂w‖∞ at q for the current problem, w = Lᵀq the variables of {@link #refine}: the quantity
     * its gradient tolerance applies to, so a start that passes this test is what {@link #refine}
     * would return unchanged. Costs one evaluation of S.
     */
    public double preconditionedGradientNorm(double[] q) {
        double s = action.evaluate(q, gq, null, null, null);
        last = s;
        if (!Double.isFinite(s)) {
            return Double.POSITIVE_INFINITY;
        }
        chain.pullGradient(gq, w);
        double m = 0;
        for (double v : w) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * The action gap a kinetic-Newton step predicts at q, relative: ½|∂S/∂w|₂²/S (w = Lᵀq). Where
     * the Hessian of S in w is at least the identity — the kinetic part's, plus a convex potential
     * part (the well) — S(q) − S* ≤ ½ ∂S/∂wᵀ H⁻¹ ∂S/∂w ≤ ½|∂S/∂w|₂² for a convex S, so this bounds the
     * relative gap to the minimum; elsewhere it is the local quadratic model's gap. Costs one
     * evaluation of S; +∞ when S is not finite or not positive.
     */
    public double predictedGap(double[] q) {
        double s = action.evaluate(q, gq, null, null, null);
        last = s;
        return chain.predictedGap(s, gq, w);
    }

    /** S at the q of the last {@link #preconditionedGradientNorm} or {@link #predictedGap} (no second evaluation). */
    public double lastValue() {
        return last;
    }

    /**
     * Minimises S from q (modified: the last accepted point) for the current problem, by L-BFGS in
     * the variables w = Lᵀq of {@link KineticChain}; the gradient tolerance applies to ∂S/∂w.
     */
    public OptimResult refine(double[] q) {
        chain.toW(q, w);
        OptimResult r = lbfgs.minimize(preconditioned, w);
        chain.toQ(w, q);
        return r;
    }

    /**
     * The lowest of five minimisations — from the straight line and from the arcs
     * straight + b·sin(πt)·n̂ (n̂ ⟂ y − x, b = ±bend·|y − x| and ±bend·|y − x|/2; two sizes because
     * the preconditioned steps are long enough to carry a start across an obstacle) — written to q
     * (overwritten).
     *
     * @return the chosen run (its value is the action)
     */
    public OptimResult best(double[] x, double[] y, double[] theta, double[] q) {
        set(x, y, theta);
        OptimResult best = null;
        for (int start = 0; start < STARTS; start++) {
            start(start, x, y, trial);
            OptimResult r = refine(trial);
            if (Double.isFinite(r.value()) && (best == null || !Double.isFinite(best.value())
                    || r.value() < best.value())) {
                best = r;
                System.arraycopy(trial, 0, q, 0, q.length);
            } else if (best == null) {
                best = r;
            }
        }
        return best;
    }

    /** The number of starts of {@link #best}. */
    public static final int STARTS = 5;

    /**
     * Start {@code k} of {@link #best} between x and y, its interior points written to q: k = 0 the
     * straight line, k = 1…4 the arcs straight + b·sin(πt)·n̂ with b = +½, −½, +1, −1 times
     * bend·|y − x|.
     */
    public void start(int k, double[] x, double[] y, double[] q) {
        int t = options.samples();
        double dx = y[0] - x[0];
        double dy = y[1] - x[1];
        double len = Math.hypot(dx, dy);
        double b = k == 0 || len == 0 ? 0 : (k % 2 == 1 ? 1 : -1) * (k <= 2 ? 0.5 : 1) * options.bend() * len;
        for (int j = 1; j < t - 1; j++) {
            double u = (double) j / (t - 1);
            double s = b * Math.sin(Math.PI * u);
            q[2 * (j - 1)] = x[0] + u * dx + (len == 0 ? 0 : -dy / len * s);
            q[2 * (j - 1) + 1] = x[1] + u * dy + (len == 0 ? 0 : dx / len * s);
        }
    }

    /**
     * Whether the path through x, q, y (as the interpolating spline, sampled {@code samplesPerSegment} times per segment)
     * enters the task's obstacle region.
     */
    public boolean crosses(Task task, double[] q, int samplesPerSegment) {
        if (!task.hasObstacle()) {
            return false;
        }
        double[][] pts = action.path(q).sample((options.samples() - 1) * samplesPerSegment + 1);
        for (double[] p : pts) {
            if (task.inObstacle(p[0], p[1])) {
                return true;
            }
        }
        return false;
    }

    /** The path through x, q, y sampled at n points, as {@code [i][coordinate]}. */
    public double[][] sample(double[] q, int n) {
        return action.path(q).sample(n);
    }
}
