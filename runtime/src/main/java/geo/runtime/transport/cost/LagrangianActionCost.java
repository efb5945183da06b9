package geo.runtime.transport.cost;

import geo.runtime.api.Domain;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.load.Model;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.OptimResult;
import geo.runtime.spline.LagrangianCost;
import geo.runtime.spline.SplinePath;
import java.util.Arrays;

/**
 * c(x, y; θ) = the minimal action of a compiled Lagrangian L(t, x, v; θ) over paths from x to y,
 * in one of two conventions ({@link Convention}):
 * <ul>
 *   <li>{@link Convention#CONTINUOUS}: min over C² cubic spline paths γ of ∫₀¹ L(t, γ, γ') dt
 *       (Gauss–Legendre on each segment; {@link LagrangianCost}). For a metric, L = ½ vᵀg v and
 *       c = ½ d(x, y)²; for the free particle L = ½|v|², c = ½|x − y|².</li>
 *   <li>{@link Convention#DISCRETE_ACTION}: the discrete action S = Σ_k L(t_k, x_k, Δ_k) of
 *       Pooladian et al. 2024 (B2; {@link DiscreteAction}) on T points, minimised over the T − 2
 *       interior points. It depends on a spline path only through its values at the sample
 *       times t_k = k/(T − 1), and a C² cubic spline with knots at those times interpolates any
 *       values there, so the minimum over splines (the paper's 30-node spline, or ours) is the
 *       minimum over the points; the returned path is that interpolating spline.</li>
 * </ul>
 * Both are minimised by L-BFGS to ‖∂S/∂(free)‖∞ ≤ the optimiser's gradient tolerance, and the
 * gradients follow from the envelope theorem (at the optimum ∂S/∂(free) = 0): ∂c/∂x, ∂c/∂y and
 * ∂c/∂θ are the partial derivatives of S with the interior held fixed, e.g. ∂c/∂x = ∂L/∂x − ∂L/∂v
 * at k = 0 and ∂c/∂y = ∂L/∂v at k = T − 2 for the discrete action, and ∂c/∂x = −∂L/∂v(0) as the
 * spline's knots refine. A minimum is a local one: the start path decides the homotopy class
 * around an obstacle ({@link Start}).
 */
public final class LagrangianActionCost implements PairCost {

    /** Which action is minimised. */
    public enum Convention {
        /** ∫₀¹ L(t, γ, γ') dt over spline paths. */
        CONTINUOUS,
        /** Σ_{k=0}^{T−2} L(t_k, x_k, Δ_k), Δ_k = x_{k+1} − x_k + δ, no dt factor (the paper's Lagrangian mode). */
        DISCRETE_ACTION
    }

    /** Where the minimisation of an entry starts. */
    public enum Start {
        /** The straight line x → y. */
        STRAIGHT,
        /** The previous entry's optimal path in the same row, moved to the new ends (the straight line first in a row). */
        PREVIOUS_ENTRY,
        /** Both, keeping the lower cost (twice the work; fewer entries stuck on the wrong side of an obstacle). */
        BOTH
    }

    /**
     * How the cost is computed.
     *
     * @param convention the action
     * @param spline     the spline segments, quadrature and L-BFGS settings ({@link LagrangianCost.Options};
     *                   the discrete conventions use only its L-BFGS settings)
     * @param samples    T, the points of a discrete path (≥ 3)
     * @param offset     δ, added to every component of every discrete displacement
     * @param start      where each minimisation starts
     */
    public record Options(Convention convention, LagrangianCost.Options spline, int samples, double offset,
                          Start start) {

        /** T of the paper (20 points, {@code ts = linspace(0, 1, 20)}). */
        public static final int SAMPLES = 20;
        /** δ of the paper ({@code x_{k+1} − x_k + 1e-6}). */
        public static final double OFFSET = 1e-6;

        /** The continuous action over splines of 16 segments (LagrangianCost's defaults), straight starts. */
        public static final Options DEFAULTS = new Options(Convention.CONTINUOUS, LagrangianCost.Options.defaults(),
                SAMPLES, OFFSET, Start.STRAIGHT);

        /** The discrete action of Pooladian et al. 2024: T = 20, δ = 1e-6. */
        public static final Options PAPER = DEFAULTS.withConvention(Convention.DISCRETE_ACTION);

        public Options {
            if (samples < 3) {
                throw new IllegalArgumentException("a discrete path needs at least 3 points, got " + samples);
            }
            if (!Double.isFinite(offset)) {
                throw new IllegalArgumentException("the offset must be finite, got " + offset);
            }
        }

        public Options withConvention(Convention c) {
            return new Options(c, spline, samples, offset, start);
        }

        public Options withStart(Start s) {
            return new Options(convention, spline, samples, offset, s);
        }

        public Options withSpline(LagrangianCost.Options s) {
            return new Options(convention, s, samples, offset, start);
        }
    }

    private final Model model;
    private final Options options;
    private final LagrangianKernels kernels;
    private final Domain domain;
    private final LagrangianCost spline;
    private final DiscreteAction discrete;
    private final Lbfgs lbfgs;
    private final int d;
    private final int p;
    /** The last optimal path (continuous) or interior points (discrete) of this instance, and its ends. */
    private SplinePath lastPath;
    private double[] lastQ;
    private final double[] lastX;
    private final double[] lastY;
    private boolean lastOk;

    /** The cost of {@code model} (a Lagrangian or metric model). */
    public LagrangianActionCost(Model model, Options options) {
        this.model = model;
        this.options = options;
        this.kernels = model.lagrangian();
        this.domain = model.descriptor().domain();
        this.d = model.dimension();
        this.p = model.descriptor().parameterCount();
        if (options.convention() == Convention.CONTINUOUS) {
            this.spline = new LagrangianCost(kernels, options.spline());
            this.discrete = null;
        } else {
            this.spline = null;
            this.discrete = new DiscreteAction(kernels, options.samples(), options.offset());
        }
        this.lbfgs = new Lbfgs(options.spline().optimizer());
        this.lastX = new double[d];
        this.lastY = new double[d];
    }

    public Options options() {
        return options;
    }

    @Override
    public String description() {
        return switch (options.convention()) {
            case CONTINUOUS -> "action of " + model.name();
            case DISCRETE_ACTION -> "discrete action (T = " + options.samples() + ") of " + model.name();
        };
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
        return solve(x, y, theta, continueRow, null, null, null);
    }

    @Override
    public EntryResult gradient(double[] x, double[] y, double[] theta, double[] gx, double[] gy, double[] gTheta) {
        return solve(x, y, theta, false, gx, gy, gTheta);
    }

    @Override
    public PathResult path(double[] x, double[] y, double[] theta, int n) {
        EntryResult r = solve(x, y, theta, false, null, null, null);
        if (!r.ok()) {
            return PathResult.failed(r);
        }
        return new PathResult(EntryStatus.OK, lastPath(x, y).sample(n), "");
    }

    /** The optimal path of the last successful solve of this instance (the discrete problem's ends are its ends). */
    private SplinePath lastPath(double[] x, double[] y) {
        return discrete == null ? lastPath : discrete.path(lastQ);
    }

    private EntryResult solve(double[] x, double[] y, double[] theta, boolean continueRow, double[] gx, double[] gy,
                              double[] gTheta) {
        for (double[] point : new double[][] {x, y}) {
            String outside = domain.check(point);
            if (outside != null) {
                lastOk = false;
                return EntryResult.failed(EntryStatus.OUTSIDE_DOMAIN, (point == x ? "x = " : "y = ")
                        + Arrays.toString(point) + ": " + outside);
            }
        }
        boolean warm = continueRow && lastOk && options.start() != Start.STRAIGHT;
        boolean straight = !warm || options.start() == Start.BOTH;
        Attempt best = null;
        if (straight) {
            best = attempt(x, y, theta, false);
        }
        if (warm) {
            Attempt w = attempt(x, y, theta, true);
            if (best == null || (w.ok() && (!best.ok() || w.cost < best.cost))) {
                best = w;
            }
        }
        lastOk = best.ok();
        System.arraycopy(x, 0, lastX, 0, d);
        System.arraycopy(y, 0, lastY, 0, d);
        if (!best.ok()) {
            return EntryResult.failed(Double.isFinite(best.cost) || best.run.converged() ? EntryStatus.NOT_CONVERGED
                    : EntryStatus.NOT_FINITE, "the action was not minimised: " + best.run.status() + ": "
                    + best.run.message());
        }
        lastPath = best.path;
        lastQ = best.q;
        if (gx != null) {
            if (discrete == null) {
                LagrangianCost.Result r = best.result;
                System.arraycopy(r.gradStart(), 0, gx, 0, d);
                System.arraycopy(r.gradEnd(), 0, gy, 0, d);
                System.arraycopy(r.gradTheta(), 0, gTheta, 0, p);
            } else {
                discrete.setProblem(x, y, theta);
                discrete.evaluate(best.q, null, gx, gy, gTheta);
            }
        }
        return EntryResult.ok(best.cost);
    }

    /** One minimisation, from the straight line or from this instance's previous path. */
    private Attempt attempt(double[] x, double[] y, double[] theta, boolean fromPrevious) {
        if (discrete == null) {
            LagrangianCost.Result r = fromPrevious ? spline.solve(x, y, theta, lastPath) : spline.solve(x, y, theta);
            return new Attempt(r.cost(), r.optimisation(), r.path(), null, r);
        }
        discrete.setProblem(x, y, theta);
        double[] q = new double[discrete.freeCount()];
        if (fromPrevious) {
            System.arraycopy(lastQ, 0, q, 0, q.length);
            discrete.shift(q, lastX, lastY);
        } else {
            discrete.straight(q);
        }
        OptimResult run = lbfgs.minimize(discrete, q);
        return new Attempt(run.value(), run, null, q, null);
    }

    /** A minimisation's outcome: the cost, the optimiser's run, and the path (spline) or interior points (discrete). */
    private record Attempt(double cost, OptimResult run, SplinePath path, double[] q, LagrangianCost.Result result) {
        boolean ok() {
            return run.converged() && Double.isFinite(cost);
        }
    }

    @Override
    public PairCost forThread() {
        return new LagrangianActionCost(model, options);
    }
}
